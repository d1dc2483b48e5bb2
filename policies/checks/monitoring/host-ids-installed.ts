import { HOST_IDS_PACKAGES } from '../../../data/host-ids';
import type { CheckResult, InventoryResource } from '../../types';
import { fail, pass } from '../../types';
import { cloudConfig, hostAlertRoutes, packages, scriptTexts } from './helpers/cloud-init';
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
