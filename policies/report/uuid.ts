import { createHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 4122 version 5 layout: SHA-1 of the name, version and
 * variant bits set) from the parts that identify a thing. The same audit gives
 * the same ids, so golden files and diffs between runs stay stable, and the
 * same subject keeps its id across revisions as OSCAL asks.
 */
export function stableUuid(...parts: readonly string[]): string {
  // A separator that cannot occur in the parts' text keeps ("a","bc") apart from ("ab","c").
  const bytes = createHash('sha1').update(parts.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Short stable fingerprint (SARIF partialFingerprints). */
export function fingerprint(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
