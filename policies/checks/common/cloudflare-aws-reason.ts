/**
 * Wording shared by the Cloudflare and AWS checks' reasons. (Generally useful;
 * a candidate for `policies/values.ts`.)
 */

/** A value as it should read in a reason: strings quoted, objects as JSON, absence as "unset". */
export function show(value: unknown): string {
  if (value === undefined || value === null) return 'unset';
  return JSON.stringify(value);
}
