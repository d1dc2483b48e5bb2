/**
 * How a config value appears in an error message: quoted, short, and never
 * raw. A control character or a bidi override in a message would let a
 * hostile file rewrite the terminal line that reports it.
 */

/** Control characters (C0, DEL, C1), line/paragraph separators and bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `text` with every unsafe character as \uXXXX, and `"` and `\` escaped. */
export function escapeText(text: string): string {
  return escapeUnsafe(text.replace(/["\\]/g, (c) => `\\${c}`));
}

const MAX = 80;

/** `user:password@` in a URL, and the value of a query parameter whose name says it is a credential. */
const URL_PASSWORD = /(\/\/[^/?#@\s]*?:)[^/?#@\s]*@/g;
const CREDENTIAL_QUERY = /([?&][^=&#\s]*(?:token|secret|passw|pwd|key|sig|auth|credential|code)[^=&#\s]*=)[^&#\s]*/gi;

/** A refused credential is named, never repeated: error output ends up in CI logs. */
export function redactSecrets(text: string): string {
  return text.replace(URL_PASSWORD, '$1***@').replace(CREDENTIAL_QUERY, '$1***');
}

/** A value as the config file spells it: strings quoted and escaped, `.nan`/`.inf` as YAML writes them. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan (not a number)';
    if (value === Infinity) return '.inf (infinity)';
    if (value === -Infinity) return '-.inf (minus infinity)';
    return String(value);
  }
  if (typeof value === 'string') {
    const chars = [...redactSecrets(value)];
    const cut = chars.slice(0, chars.length > MAX ? MAX - 3 : MAX).join('');
    return `"${escapeText(cut)}"${chars.length > MAX ? '...' : ''}`;
  }
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? showValue(v).split(' ')[0] : typeof v === 'bigint' ? String(v) : v)) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  text = escapeUnsafe(redactSecrets(text));
  return text.length > MAX ? `${text.slice(0, MAX - 3)}...` : text;
}
