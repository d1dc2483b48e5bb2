import { HOST_IDS_PACKAGES } from '../../../data/host-ids';
import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { cloudConfig, hostAlertRoutes, packages, scriptTexts, CLOUD_INIT_TYPES } from './helpers/cloud-init';
import { isHttpsUrl } from './helpers/routes';

/** AIDE compares against a baseline database; without one it reports nothing. */
const AIDE_INIT = /\baideinit\b|\baide\b[^\n]*(--init|\s-i\b)/;

/**
 * The Droplet's cloud-init installs the host IDS (aide, rkhunter, fail2ban),
 * builds AIDE's baseline (`aideinit` / `aide --init` in runcmd or a written
 * script), and names an https alert route (`TOM_ALERT_WEBHOOK=https://…` or
 * `ALERT_WEBHOOK_URL=https://…` in a written env file or command) the
 * IDS scripts post findings to, so the team hears about an intrusion at once.
 */
export function hostIdsInstalled(resource: InventoryResource): CheckResult {
  const config = cloudConfig(resource);
  if (!config.ok) return fail(config.reason, config.path);
  const installed = packages(config.doc);
  const missing = HOST_IDS_PACKAGES.filter((p) => !installed.has(p));
  if (missing.length > 0) {
    return fail(`cloud-init packages lack ${missing.join(', ')} (required: ${HOST_IDS_PACKAGES.join(', ')})`, `${config.path}.packages`);
  }
  if (!scriptTexts(config.doc).some((t) => AIDE_INIT.test(t))) {
    return fail('AIDE is installed but its baseline is never built (no aideinit / aide --init in runcmd or a written script)', `${config.path}.runcmd`);
  }
  const routes = hostAlertRoutes(config.doc);
  if (routes.length === 0) {
    return fail('no ALERT_WEBHOOK_URL or TOM_ALERT_WEBHOOK in the cloud-config: IDS findings would stay on the host', `${config.path}.write_files`);
  }
  const insecure = routes.find((r) => !isHttpsUrl(r));
  if (insecure !== undefined) return fail(`alert webhook "${insecure}" is not an https URL`, `${config.path}.write_files`);
  return pass(`installs ${HOST_IDS_PACKAGES.join(', ')} and reports over https`, `${config.path}.packages`);
}

export const control: ResourceControl = {
  id: 'TOM-IDS-04',
  title: 'Host IDS on every Droplet, reporting over https',
  severity: 'high',
  iso27001_2022: ['A.8.7', 'A.8.16', 'A.8.5', 'A.5.25'],
  iso27001_2013: ['A.12.2.1', 'A.9.4.2', 'A.16.1.4'],
  gdprArt32: ['b'],
  tomCategory: 'Eingabekontrolle',
  measures: ['M6', 'M5'],
  measure:
    'A host-based intrusion detection system watches each server for file-system changes, known rootkits and trojans, and brute-force logins, and alerts the team at once.',
  equivalents: [],
  rationale:
    'AIDE detects changed system files (only once its baseline exists), rkhunter known rootkit and trojan signatures and device-file anomalies, fail2ban brute-force logins; findings must leave the host, since an intruder edits local logs first. GDPR Art. 32(1)(b), not (d): host sensors detect; they do not test the measures.',
  remediation:
    'In the Droplet\'s #cloud-config: packages: [aide, rkhunter, fail2ban, …]; runcmd: [aideinit …]; and a write_files entry (e.g. /etc/tom-kit/alert.env) with ALERT_WEBHOOK_URL=https://… used by the IDS report scripts.',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: CLOUD_INIT_TYPES,
  check: hostIdsInstalled,
};
