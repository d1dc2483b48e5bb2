/**
 * Finding and control statuses, worst first, and the two things every
 * producer of an `AuditResult` (the audit engine, the live evidence) and
 * every report derive from them.
 */
import type { FindingStatus } from './types';

/** Worst first: a control's status is the worst of its findings. */
export const STATUSES: readonly FindingStatus[] = ['fail', 'unknown', 'waived', 'pass', 'inherited', 'not-applicable'];

/** The worst of some statuses; none at all means nothing applied (`not-applicable`). */
export function worstStatus(statuses: Iterable<FindingStatus>): FindingStatus {
  let worst: FindingStatus = 'not-applicable';
  for (const s of statuses) if (STATUSES.indexOf(s) < STATUSES.indexOf(worst)) worst = s;
  return worst;
}

/** How many of each status, every status present (0 when absent). */
export function countStatuses(values: Iterable<FindingStatus>): Record<FindingStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>;
  for (const v of values) counts[v] += 1;
  return counts;
}
