/**
 * Does a Kubernetes CronJob schedule fire at least once in every window of a
 * given length? ("daily" = every 24 h, "weekly" = every 7 days.)
 *
 * Kubernetes takes five-field cron expressions and the macros below; it
 * evaluates them in the controller's zone (UTC on DOKS) unless the CronJob
 * sets `spec.timezone`. cron-parser also accepts a sixth (seconds) field that
 * Kubernetes rejects, so the field count is checked first.
 */
import { CronExpressionParser, type CronFieldCollection } from 'cron-parser';

const HOUR = 3_600_000;

/** The macros Kubernetes accepts (robfig/cron's standard parser), as five-field expressions. */
const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/**
 * A leap year, so `29 2` and every weekday/day-of-month combination occur,
 * and both DST switches fall inside when a `timezone` is set.
 */
const WINDOW_START = Date.UTC(2024, 0, 1);
const WINDOW_END = Date.UTC(2025, 0, 8);

export type GapResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string };

/**
 * Pure function of its key, so sharing across audits is safe; bounded so a
 * long-lived process auditing many distinct schedules does not grow without end.
 */
const cache = new Map<string, GapResult>();
const CACHE_LIMIT = 1000;

/**
 * Checks that `schedule` fires at least once in every `maxHours` hours over a
 * whole (leap) year. The result names the first run after which the window
 * stays empty, e.g. `schedule "0 2 * * 1-5" has no run in the 24 h after
 * 2024-01-05T02:00Z`. With a `timezone`, a run whose local time falls into
 * the spring-forward gap counts as skipped, as Kubernetes' cron library
 * (robfig/cron v3) skips it. Results are memoised per schedule.
 */
export function scheduleGap(schedule: string, maxHours: number, zone?: string): GapResult {
  // Zones without daylight saving are UTC for this purpose (and need no walk).
  const timeZone = zone === undefined || /^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal)$/i.test(zone) ? undefined : zone;
  const key = `${schedule}\u0000${maxHours}\u0000${timeZone ?? ''}`;
  let result = cache.get(key);
  if (!result) {
    result = evaluate(schedule, maxHours, timeZone);
    if (cache.size < CACHE_LIMIT) cache.set(key, result);
  }
  return result;
}

function evaluate(schedule: string, maxHours: number, timeZone?: string): GapResult {
  const trimmed = schedule.trim();
  const expression = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const fields = expression.split(/\s+/);
  if (fields.length !== 5) {
    return { ok: false, reason: `schedule "${schedule}" is not a five-field cron expression or a Kubernetes macro (@hourly, @daily, @weekly…)` };
  }
  // cron-parser knows L, W and #; Kubernetes' parser rejects them.
  if (/[LW]/i.test(fields[2]) || /#|\dL/i.test(fields[4])) {
    return { ok: false, reason: `schedule "${schedule}" uses L, W or #, which Kubernetes CronJobs do not accept` };
  }
  // A local day lasts 25 h when the clocks go back: "daily" in a zone with
  // daylight saving allows that one extra hour.
  const limit = (maxHours + (timeZone ? 1 : 0)) * HOUR;
  const parse = (at: number) => CronExpressionParser.parse(expression, { currentDate: new Date(at), tz: timeZone });
  try {
    const first = parse(WINDOW_START);
    if (maxHours >= 24 && firesEveryDay(first.fields)) {
      const skipped = timeZone ? skippedDay(first.fields, timeZone) : undefined;
      if (!skipped) return { ok: true };
      return { ok: false, reason: `schedule "${schedule}" in ${timeZone} has no run on ${skipped}: every run falls into the daylight-saving gap, and Kubernetes skips such runs` };
    }
    // Walk from one run to the LAST run inside the next `limit`: each step
    // advances almost a whole window, so a schedule firing every minute
    // costs as little as a daily one.
    let cursor = first.prev().getTime();
    while (cursor < WINDOW_END) {
      const latest = parse(cursor + limit + 1).prev().getTime();
      if (latest <= cursor) {
        const dst = timeZone ? ` in ${timeZone} (Kubernetes skips a run that falls into a daylight-saving gap)` : '';
        return { ok: false, reason: `schedule "${schedule}" has no run in the ${maxHours} h after ${iso(cursor)}${dst}; required: a run in every ${maxHours} h` };
      }
      cursor = latest;
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `schedule "${schedule}" cannot be evaluated (${(e as Error).message})` };
  }
}

/**
 * True when every calendar day has a run (at the same times of day, as cron
 * times do not depend on the date): in UTC no gap can then exceed 24 h, so
 * the common daily schedule needs no walk. Day-of-month and day-of-week
 * combine as in Kubernetes: with one of them `*` only the other counts,
 * with both restricted either may match.
 */
function firesEveryDay(f: CronFieldCollection): boolean {
  if (f.month.values.length < 12) return false;
  const allDom = f.dayOfMonth.values.length >= 31;
  const allDow = new Set(f.dayOfWeek.values.map((d) => Number(d) % 7)).size === 7;
  if (f.dayOfMonth.isWildcard) return allDow || f.dayOfWeek.isWildcard;
  if (f.dayOfWeek.isWildcard) return allDom;
  return allDom || allDow;
}

const DAY = 24 * HOUR;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at `ms` (throws RangeError for an unknown zone). */
function offsetMinutes(ms: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * For a schedule that runs every day: the first date (YYYY-MM-DD) on which a
 * spring-forward gap in `timeZone` swallows every run time, or undefined.
 */
function skippedDay(f: CronFieldCollection, timeZone: string): string | undefined {
  const runs = f.hour.values.flatMap((h) => f.minute.values.map((m) => Number(h) * 60 + Number(m)));
  for (let day = WINDOW_START; day < WINDOW_END; day += DAY) {
    const before = offsetMinutes(day, timeZone);
    const after = offsetMinutes(day + DAY, timeZone);
    if (after <= before) continue;
    // Bisect to the minute the clocks jump; local wall time just before it starts the gap.
    let lo = day;
    let hi = day + DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(mid, timeZone) === before) lo = mid;
      else hi = mid;
    }
    const gapStart = (((hi + before * 60_000) % DAY) + DAY) % DAY / 60_000;
    if (runs.every((r) => r >= gapStart && r < gapStart + (after - before))) return new Date(hi + before * 60_000).toISOString().slice(0, 10);
  }
  return undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(':00.000Z', 'Z');
