/**
 * Readers for single environment variables. Each failure is a ConfigError
 * whose one line names the variable, the value found and what is allowed.
 */
import { ConfigError } from './errors';

export type Env = Readonly<Record<string, string | undefined>>;

/** The trimmed value, or undefined when unset or blank (a blank Secret key counts as unset). */
export function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function required(env: Env, name: string, what: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError(`${name} is not set: it must hold ${what}.`);
  return value;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number, why = ''): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  return wholeNumber(raw, name, min, max, why);
}

/**
 * Like `integer`, but a variable that is set and blank is refused, not
 * defaulted: for settings that decide what gets deleted, an empty value is a
 * broken template, not a wish for the default.
 */
export function requiredIfSet(env: Env, name: string, fallback: number, min: number, max: number, why = ''): number {
  const value = env[name];
  if (value === undefined) return fallback;
  return wholeNumber(value.trim(), name, min, max, why);
}

function wholeNumber(raw: string, name: string, min: number, max: number, why: string): number {
  const value = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not allowed: it must be a whole number from ${min} to ${max}${why}.`);
  }
  return value;
}

export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name}=${JSON.stringify(raw)} is not allowed: it must be "true" or "false".`);
}

/** Comma- (or whitespace-) separated items, blanks dropped, duplicates kept out. */
export function list(env: Env, name: string): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  return [...new Set(raw.split(/[,\s]+/).filter((item) => item.length > 0))];
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const INSTANT_FORMS = 'an ISO 8601 time YYYY-MM-DDTHH:mm[:ss[.fff]] with Z or an offset ±HH:mm, on a real calendar date, such as 2025-01-31T02:00:00Z';

/**
 * An instant from a strict ISO 8601 string (the injected clock of tests and
 * drills). `Date` quietly rolls 2025-02-30 over to 2 March and reads a time
 * without zone as local time; here every field must be in range, the date
 * must exist (leap years included), and the zone must be given.
 */
export function instant(raw: string, name: string): Date {
  const refuse = (): never => {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not allowed: it must be ${INSTANT_FORMS}.`);
  };
  const match = ISO_INSTANT.exec(raw);
  if (!match) return refuse();
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((index) => Number(match[index] ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMinutes = match[8] ? 0 : (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11]));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || Number(match[10] ?? 0) > 23 || Number(match[11] ?? 0) > 59) return refuse();
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, millis);
  // The round trip: a day that does not exist in that month comes back as another date.
  if (wall.getUTCFullYear() !== year || wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day) return refuse();
  return new Date(wall.getTime() - offsetMinutes * 60_000);
}
