/**
 * Alert routes: where a DigitalOcean alert, Falco or a host IDS sends what it
 * finds. A route counts only when it can reach a person: an e-mail address
 * or a webhook over TLS.
 */
import { blocks, isReference, strings, type Values } from '../../../values';

/**
 * True for an `https://` URL. A Terraform interpolation after the scheme
 * (`https://${var.hook}`) counts: the scheme, which is what TLS depends on,
 * is literal.
 */
export const isHttpsUrl = (v: unknown): boolean => typeof v === 'string' && /^https:\/\/\S+$/i.test(v.trim());

/** The host of an `http(s)://` URL, lower case, or undefined when the value is no URL. */
export function urlHost(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(v.trim());
  return m ? m[1].toLowerCase() : undefined;
}

export type RouteResult =
  | { readonly ok: true; readonly via: string }
  | { readonly ok: false; readonly reason: string; readonly path: string };

/** True when the whole value is one Terraform interpolation (`${var.slack_webhook}`): supplied at deploy time, unseen by the audit. */
export const isWholeReference = (v: unknown): boolean => typeof v === 'string' && /^\$\{[^}]+\}$/.test(v.trim());

const isEmail = (v: string): boolean => isReference(v) || /^[^@\s]+@[^@\s]+$/.test(v);

/**
 * Judges a DigitalOcean notification block (`alerts` of a monitor alert,
 * `notifications` of an uptime alert): `email: [...]` and/or
 * `slack: [{ channel, url }]`. At least one e-mail or Slack target is needed,
 * and every Slack URL must be https or a Terraform variable (the stacks pass
 * Slack webhooks, which embed a token, as sensitive variables).
 */
export function notificationRoute(values: Values, key: 'alerts' | 'notifications'): RouteResult {
  const targets = blocks(values, key);
  if (targets.length === 0) return { ok: false, reason: `no ${key} block: the alert notifies nobody`, path: key };
  let via: string | undefined;
  for (const [i, target] of targets.entries()) {
    const prefix = targets.length > 1 ? `${key}[${i}]` : key;
    const emails = strings(target.email);
    const bad = emails.find((e) => !isEmail(e));
    if (bad !== undefined) return { ok: false, reason: `e-mail target "${bad}" is not an address`, path: `${prefix}.email` };
    if (emails.length > 0) via ??= `e-mail ${emails.join(', ')}`;
    const slack = blocks(target, 'slack');
    for (const [j, s] of slack.entries()) {
      // A whole interpolation is a (sensitive) variable supplied at deploy time: Slack URLs embed a token.
      if (!isHttpsUrl(s.url) && !isWholeReference(s.url)) {
        return { ok: false, reason: `Slack url "${String(s.url ?? '')}" is not an https URL`, path: `${prefix}.slack[${j}].url` };
      }
      via ??= `Slack ${typeof s.channel === 'string' ? s.channel : 'webhook'}`;
    }
  }
  return via ? { ok: true, via } : { ok: false, reason: `${key} names no e-mail address and no Slack webhook`, path: `${key}.email` };
}
