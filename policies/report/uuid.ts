import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';

/** One-shot hashing where Node has it (20.12+): reports ask for tens of thousands of ids and fingerprints. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/**
 * A name-based UUID (RFC 4122 version 5 layout: SHA-1 of the name, version and
 * variant bits set) from the parts that identify a thing. The same audit gives
 * the same ids, so golden files and diffs between runs stay stable, and the
 * same subject keeps its id across revisions as OSCAL asks.
 */
export function stableUuid(...parts: readonly string[]): string {
  // A separator that cannot occur in the parts' text keeps ("a","bc") apart from ("ab","c").
  const data = parts.join('\u0000');
  const hex = oneShot ? oneShot('sha1', data, 'hex') : createHash('sha1').update(data).digest('hex');
  // Version 5 in the high nibble of byte 6, the RFC 4122 variant (10xx) in the high bits of byte 8.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Short stable fingerprint (SARIF partialFingerprints). */
export function fingerprint(...parts: readonly string[]): string {
  const data = parts.join('\u0000');
  return (oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex')).slice(0, 32);
}
