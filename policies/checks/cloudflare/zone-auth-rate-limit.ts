import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { attr, blocks, num, show } from '../../values';
import type { Values } from '../../values';
import { checkZones, missingResourcePath, zoneRulesets } from './helpers/zone';
import type { ZoneProblem } from './helpers/zone';

const PHASE = 'http_ratelimit';

/** Actions that stop a brute-force client; `log` only counts it. */
export const BLOCKING_ACTIONS: readonly string[] = ['block', 'managed_challenge', 'challenge', 'js_challenge'];

const URI_FIELD = /http\.request\.(?:full_)?uri/;
const AUTH_WORD = /log-?in|sign-?in|sign-?up|auth|token|session|passw(?:or)?d|register|mfa|otp/i;
const STRING_LITERAL = /"((?:[^"\\]|\\.)*)"/g;
/** How far before a string literal the URI field it is compared with may appear (`in {"/a" "/b" …}` lists). */
const COMPARISON_WINDOW = 80;

/**
 * True when the rule's expression compares the request URI with a login or
 * authentication path: a string literal naming one (`"/login"`, `"^/auth/"`)
 * that looks like a path (has a `/`) or follows a URI field closely
 * (`http.request.uri.path contains "login"`). A header named "authorization"
 * is not a path.
 */
export function targetsAuthPath(rule: Values): boolean {
  const expression = rule.expression;
  if (typeof expression !== 'string' || !URI_FIELD.test(expression)) return false;
  return [...expression.matchAll(STRING_LITERAL)].some((m) => {
    if (!AUTH_WORD.test(m[1])) return false;
    const before = expression.slice(Math.max(0, (m.index ?? 0) - COMPARISON_WINDOW), m.index);
    // Only the comparison the literal belongs to: the text after the last `and` / `or`.
    const clause = before.split(/\band\b|\bor\b|&&|\|\|/).pop() ?? '';
    return m[1].includes('/') || URI_FIELD.test(clause);
  });
}

/** Why one auth-path rule does not limit brute force, or undefined when it does. */
function ruleProblem(rule: Values, at: string): ZoneProblem | undefined {
  if (rule.enabled === false || rule.enabled === 'false') return { reason: `the auth-path rate-limit rule ${at} is disabled`, path: `${at}.enabled` };
  if (typeof rule.action !== 'string' || !BLOCKING_ACTIONS.includes(rule.action)) {
    return { reason: `the auth-path rate-limit rule ${at} has action ${show(rule.action)} (required: ${BLOCKING_ACTIONS.join(', ')})`, path: `${at}.action` };
  }
  for (const field of ['requests_per_period', 'period']) {
    const value = num(attr(rule, `ratelimit.${field}`));
    if (value === undefined || value <= 0) {
      return { reason: `the auth-path rate-limit rule ${at} has ratelimit.${field} ${show(attr(rule, `ratelimit.${field}`))} (required: a positive number)`, path: `${at}.ratelimit.${field}` };
    }
  }
  return undefined;
}

/**
 * Every zone rate-limits its login/authentication paths: an `http_ratelimit`
 * ruleset has an enabled rule whose expression names such a path, with a
 * blocking action and `ratelimit.requests_per_period` / `period` set.
 */
export function zoneAuthRateLimit(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'login/auth paths are rate-limited', (zone) => {
    const rulesets = zoneRulesets(zone, PHASE);
    if (rulesets.length === 0) {
      return {
        reason: `no cloudflare_ruleset in phase ${PHASE}, so brute-force attempts are never throttled (required: a blocking rate-limit rule on the login/auth paths)`,
        path: missingResourcePath('cloudflare_ruleset', 'phase', PHASE),
      };
    }
    let first: ZoneProblem | undefined;
    for (const ruleset of rulesets) {
      const rules = blocks(ruleset.values, 'rules');
      for (const [i, rule] of rules.entries()) {
        if (!targetsAuthPath(rule)) continue;
        const problem = ruleProblem(rule, `${ruleset.address}.rules[${i}]`);
        if (!problem) return undefined;
        first ??= problem;
      }
    }
    return (
      first ?? {
        reason: `no rule of ${rulesets.map((r) => r.address).join(', ')} compares http.request.uri with a login/auth path (e.g. starts_with(http.request.uri.path, "/login"))`,
        path: `${rulesets[0].address}.rules`,
      }
    );
  });
}

export const control: StackControl = {
  id: 'TOM-EDGE-09',
  title: 'Login and authentication paths are rate-limited',
  severity: 'high',
  iso27001_2022: ['A.8.5', 'A.8.16'],
  iso27001_2013: ['A.9.4.2'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M5'],
  measure: 'Brute-force attempts on login and authentication endpoints are detected and blocked at the edge.',
  equivalents: ['zone_rate_limiting_enabled'],
  rationale: 'Credential stuffing and password guessing need many requests per client; a rate limit on the auth paths stops them before the application or its lockout logic is involved.',
  remediation:
    'Add a `cloudflare_ruleset { kind = "zone", phase = "http_ratelimit" }` with a rule `{ action = "block", expression = "starts_with(http.request.uri.path, \\"/login\\")", ratelimit = { characteristics = ["ip.src", "cf.colo.id"], period = 60, requests_per_period = 10, mitigation_timeout = 600 } }` covering every login/auth path.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneAuthRateLimit,
};
