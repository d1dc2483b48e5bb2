import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { helmTrue, helmValues, isFalcoRelease } from './helpers/helm';
import { isHttpsUrl } from './helpers/routes';

/** falcosidekick output settings that hold the address the alert goes to. */
const OUTPUT_ADDRESS = /^falcosidekick\.config\.([a-z0-9]+)\.(address|webhookurl|hostport)$/i;

/**
 * Falco's findings reach the team at once: `falcosidekick.enabled` is true
 * and at least one falcosidekick output (webhook, Slack, Teams, …) has an
 * address; every configured output address is https (a `set_sensitive`
 * value or an interpolation counts as configured, since the audit only sees
 * a placeholder).
 */
export function falcoAlertRoute(resource: InventoryResource): CheckResult {
  if (!isFalcoRelease(resource)) return notApplicable('not a Falco release');
  const values = helmValues(resource);
  const enabled = values.get('falcosidekick.enabled');
  if (!helmTrue(enabled)) {
    const unreadable = values.unreadable[0];
    return fail(
      `falcosidekick.enabled is ${enabled ? `"${String(enabled.value)}"` : 'not set'}${unreadable ? ` (${unreadable.reason})` : ''}: Falco events go nowhere but the pod log`,
      enabled?.path ?? unreadable?.path ?? 'values',
    );
  }
  // A set_sensitive value may be redacted (plan JSON): it still names a configured output.
  const outputs = [...values.under('falcosidekick.config')].filter(([key, v]) => OUTPUT_ADDRESS.test(key) && (v.opaque || (v.value !== '' && v.value != null)));
  if (outputs.length === 0) {
    return fail('falcosidekick has no output with an address (e.g. falcosidekick.config.webhook.address)', enabled?.path ?? 'values');
  }
  for (const [key, v] of outputs) {
    if (!v.opaque && !isHttpsUrl(v.value)) return fail(`${key} "${String(v.value)}" is not an https URL`, v.path);
  }
  const names = outputs.map(([key]) => OUTPUT_ADDRESS.exec(key)?.[1]).join(', ');
  return pass(`falcosidekick forwards to ${names}`, outputs[0][1].path);
}

export const control: ResourceControl = {
  id: 'TOM-IDS-03',
  title: 'Falco alerts reach the team',
  severity: 'high',
  iso27001_2022: ['A.8.16', 'A.5.25'],
  iso27001_2013: ['A.16.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Eingabekontrolle',
  measures: ['M6'],
  measure: 'The team is alerted at once when the intrusion detection system sees something.',
  equivalents: [],
  rationale: 'Falco on its own writes to its pod log, which nobody reads. falcosidekick forwards each event to a webhook, Slack or Teams so an anomaly is assessed as a security event the same hour. GDPR Art. 32(1)(b), not (d): alert delivery is part of detection, not a test of the measures.',
  remediation:
    'Set falcosidekick.enabled: true and at least one output, e.g. falcosidekick.config.webhook.address: https://… (or slack.webhookurl / teams.webhookurl, passed as set_sensitive when it embeds a token); every address must be https.',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: ['helm_release'],
  check: falcoAlertRoute,
};
