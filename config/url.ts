/**
 * The one rule for URLs the config may hold (the alert webhook). The schema
 * and every construct that writes a URL somewhere call `httpsUrlProblem`, so
 * what the config accepts a construct never refuses, and the reverse.
 *
 * Strict on purpose: a webhook URL ends up in YAML, Helm values, Kubernetes
 * env vars and a root-owned env file on the bastion. Refusing quotes,
 * backslashes, whitespace and control characters outright means none of
 * those places depends on its quoting alone.
 */
import { showValue } from './show';

/** RFC 3986 characters minus those that mean something to a shell or a YAML/JSON reader: ' " ` \ $ ( ) ; < > { } | ^ and space. */
const URL_CHARS = /^[A-Za-z0-9._~:/?#[\]@!&*+,=%-]+$/;
const DNS_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** Query parameters that carry a credential rather than an address. */
const CREDENTIAL_PARAM = /(token|secret|passw|pwd|api[-_]?key|apikey|^key$|[-_]key$|^sig$|signature|^auth|credential|^code$)/i;
export const MAX_URL_LENGTH = 2048;

/** Why `value` is not an acceptable https URL, or undefined when it is. */
export function httpsUrlProblem(value: string): string | undefined {
  if (value.length > MAX_URL_LENGTH) return `is longer than ${MAX_URL_LENGTH} characters`;
  if (!value.startsWith('https://')) {
    return /^https:\/\//i.test(value) ? 'must start with lower-case "https://"' : 'must be an https:// URL (alerts must not travel in plain text)';
  }
  if (!URL_CHARS.test(value)) {
    const bad = [...value].find((c) => !URL_CHARS.test(c))!;
    return `contains the character ${showValue(bad)}, which a URL for the kit may not hold (quotes, backslashes, $ ( ) ; < > { } | ^, whitespace, control and non-ASCII characters are refused; percent-encode them)`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a well-formed URL: write https://host.example.eu/path';
  }
  // The WHATWG parser drops an empty "user:@", so look at the authority as written too.
  const authority = value.slice('https://'.length).split(/[/?#]/, 1)[0];
  if (url.username || url.password || authority.includes('@')) {
    return 'must not contain a user name or password (user:pass@…): credentials in a URL end up in cdk.tf.json, Helm values and logs; authenticate at the receiver or pass a secret URL as a sensitive variable';
  }
  const host = authority.replace(/:\d+$/, '');
  if (!DNS_NAME.test(host)) return 'must name its host as a lower-case DNS name such as alerts.example.eu';
  for (const name of url.searchParams.keys()) {
    if (CREDENTIAL_PARAM.test(name)) {
      return `must not carry a credential in its query (${showValue(`${name}=…`)}): credentials in a URL end up in cdk.tf.json, Helm values and logs; authenticate at the receiver or pass a secret URL as a sensitive variable`;
    }
  }
  return undefined;
}

/** Throws when `value` breaks the URL rule; for constructs, which take the URL from code as well as from config. */
export function assertHttpsUrl(value: string, where: string): void {
  const problem = httpsUrlProblem(value);
  if (problem) throw new Error(`${where}: ${showValue(value)} ${problem}`);
}
