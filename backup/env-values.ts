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

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not allowed: it must be a whole number from ${min} to ${max}.`);
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

/** An instant from an ISO 8601 string (the injected clock of tests and drills). */
export function instant(raw: string, name: string): Date {
  const value = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(value.getTime())) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not allowed: it must be an ISO 8601 time such as 2025-01-31T02:00:00Z.`);
  }
  return value;
}
