import { WAF_MANAGED_RULESETS } from '../../../data/cloudflare';
import type { CheckResult, InventoryIndex, InventoryResource, StackInfo, StackControl } from '../../types';
import { attr, blocks, show, strings } from '../../values';
import type { Values } from '../../values';
import { checkZones, combine, missingResourcePath, zoneRulesets } from './helpers/zone';
import type { ZoneProblem } from './helpers/zone';

const PHASE = 'http_request_firewall_managed';

/** The managed rulesets every zone must execute (ids are the same in every account). */
export const REQUIRED_MANAGED_RULESETS: readonly { readonly id: string; readonly name: string }[] = Object.values(WAF_MANAGED_RULESETS);

const isEnabled = (rule: Values): boolean => rule.enabled !== false && rule.enabled !== 'false';
const expressionOf = (rule: Values): string => (typeof rule.expression === 'string' ? rule.expression.trim() : '');

/**
 * A rule placed before `position` that skips the managed ruleset for all
 * traffic (`skip` with expression "true" and `ruleset: "current"` or the id
 * in `rulesets`). Skips with a narrower expression are tuning, not disabling.
 */
function skippedBy(rules: Values[], position: number, id: string): number {
  return rules.findIndex((rule, j) => {
    if (j >= position || rule.action !== 'skip' || !isEnabled(rule) || expressionOf(rule) !== 'true') return false;
    const params = attr(rule, 'action_parameters') as Values | undefined;
    return params?.ruleset === 'current' || strings(params?.rulesets).includes(id);
  });
}

/** Why the zone does not run one managed ruleset, or undefined when it does. */
function managedRulesetProblem(rulesets: InventoryResource[], required: { id: string; name: string }): ZoneProblem | undefined {
  for (const ruleset of rulesets) {
    const rules = blocks(ruleset.values, 'rules');
    const i = rules.findIndex((r) => r.action === 'execute' && attr(r, 'action_parameters.id') === required.id);
    if (i < 0) continue;
    const rule = rules[i];
    const at = `${ruleset.address}.rules[${i}]`;
    if (!isEnabled(rule)) return { reason: `${ruleset.address} rule ${i} executing the ${required.name} is disabled (enabled ${show(rule.enabled)})`, path: `${at}.enabled` };
    if (expressionOf(rule) === 'false') return { reason: `${ruleset.address} rule ${i} executing the ${required.name} has expression "false" and never matches`, path: `${at}.expression` };
    const overrides = attr(rule, 'action_parameters.overrides') as Values | undefined;
    if (overrides?.enabled === false || overrides?.enabled === 'false') {
      return { reason: `${ruleset.address} rule ${i} switches the ${required.name} off (overrides.enabled false)`, path: `${at}.action_parameters.overrides.enabled` };
    }
    if (overrides?.action === 'log') {
      return { reason: `${ruleset.address} rule ${i} makes the ${required.name} log only (overrides.action "log"; required: its blocking actions)`, path: `${at}.action_parameters.overrides.action` };
    }
    const skip = skippedBy(rules, i, required.id);
    if (skip >= 0) {
      return { reason: `${ruleset.address} rule ${skip} skips the ${required.name} for all traffic before it runs`, path: `${ruleset.address}.rules[${skip}].action_parameters` };
    }
    return undefined;
  }
  return {
    reason: `no rule executes the ${required.name} (${required.id}) in phase ${PHASE}`,
    path: `${rulesets[0].address}.rules`,
  };
}

/**
 * Every zone executes the Cloudflare Managed Ruleset and the OWASP Core
 * Ruleset in its `http_request_firewall_managed` entry point, enabled, not
 * switched off or set to log-only by overrides, and not skipped for all traffic.
 */
export function zoneWafManagedRulesets(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, 'the Cloudflare Managed and OWASP Core rulesets are executed', (zone) => {
    const rulesets = zoneRulesets(zone, PHASE);
    if (rulesets.length === 0) {
      return {
        reason: `no cloudflare_ruleset in phase ${PHASE}, so no managed WAF rules run (required: the Cloudflare Managed and OWASP Core rulesets)`,
        path: missingResourcePath('cloudflare_ruleset', 'phase', PHASE),
      };
    }
    return combine(REQUIRED_MANAGED_RULESETS.flatMap((r) => managedRulesetProblem(rulesets, r) ?? []));
  });
}

export const control: StackControl = {
  id: 'TOM-EDGE-08',
  title: 'WAF runs the Cloudflare Managed and OWASP Core rulesets',
  severity: 'high',
  iso27001_2022: ['A.8.20', 'A.8.21', 'A.8.26'],
  iso27001_2013: ['A.13.1.1', 'A.13.1.2', 'A.14.1.2'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M4', 'M21'],
  measure: 'Every request passes the Cloudflare Managed Ruleset and the OWASP Core Ruleset, blocking known exploits and OWASP Top 10 attack patterns.',
  equivalents: ['zone_waf_enabled', 'zone_waf_owasp_ruleset_enabled'],
  rationale:
    'The managed rulesets block exploit traffic before it reaches the application; a ruleset that is missing, disabled, log-only or skipped for all traffic protects nothing while looking configured.',
  remediation:
    'Add a `cloudflare_ruleset { kind = "zone", phase = "http_request_firewall_managed" }` with two rules `{ action = "execute", expression = "true", action_parameters = { id = "efb7b8c949ac4650a09736fc376e9aee" } }` and `{ … id = "4814384a9e5d4991b9815dcfc25d2f1f" }`; tune single rules with overrides, never the whole ruleset.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneWafManagedRulesets,
};
