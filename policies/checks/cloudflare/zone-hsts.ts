import { HSTS_MIN_MAX_AGE_SECONDS } from '../../../data/cloudflare';
import type { CheckResult, InventoryIndex, StackInfo, StackControl } from '../../types';
import { attr, isTrue, num, show } from '../../values';
import type { Values } from '../../values';
import { checkZones, combine, missingResourcePath, zoneSetting } from './helpers/zone';
import type { ZoneProblem } from './helpers/zone';

/**
 * Every zone sends HSTS: enabled, max-age ≥ 6 months, covering subdomains, so
 * a browser that has seen the site once never again tries plain HTTP (no SSL
 * stripping). v5 `security_header` value `{ strict_transport_security: {…} }`;
 * v4 `settings.security_header {…}`.
 */
export function zoneHsts(stack: StackInfo, index: InventoryIndex): CheckResult {
  return checkZones(stack, index, `HSTS is on with max_age ≥ ${HSTS_MIN_MAX_AGE_SECONDS} and include_subdomains`, (zone): ZoneProblem | undefined => {
    const setting = zoneSetting(zone, 'security_header');
    if (!setting) {
      return {
        reason: `no security_header setting is managed, so HSTS is off (required: strict_transport_security enabled, max_age ≥ ${HSTS_MIN_MAX_AGE_SECONDS}, include_subdomains)`,
        path: missingResourcePath('cloudflare_zone_setting', 'setting_id', 'security_header'),
      };
    }
    const [hsts, base] =
      setting.shape === 'v5'
        ? [attr(setting.value as Values, 'strict_transport_security'), `${setting.path}.strict_transport_security`]
        : [setting.value, setting.path];
    const field = (name: string): unknown => attr(hsts as Values, name);
    const problems: ZoneProblem[] = [];
    if (!isTrue(field('enabled'))) problems.push({ reason: `HSTS enabled is ${show(field('enabled'))} (required: true)`, path: `${base}.enabled` });
    const maxAge = num(field('max_age'));
    if (maxAge === undefined || maxAge < HSTS_MIN_MAX_AGE_SECONDS) {
      problems.push({ reason: `HSTS max_age is ${show(field('max_age'))} (required: at least ${HSTS_MIN_MAX_AGE_SECONDS} seconds, 6 months)`, path: `${base}.max_age` });
    }
    if (!isTrue(field('include_subdomains'))) {
      problems.push({ reason: `HSTS include_subdomains is ${show(field('include_subdomains'))} (required: true)`, path: `${base}.include_subdomains` });
    }
    return combine(problems, `${setting.address}: `);
  });
}

export const control: StackControl = {
  id: 'TOM-EDGE-06',
  title: 'HSTS for at least six months, including subdomains',
  severity: 'medium',
  iso27001_2022: ['A.8.24', 'A.5.14'],
  iso27001_2013: ['A.10.1.1', 'A.13.2.1', 'A.13.2.3'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2'],
  measure: 'Browsers are told to use only HTTPS for the domain and all its subdomains for at least six months.',
  equivalents: ['zone_hsts_enabled'],
  rationale: 'A redirect alone can be stripped by an attacker on the first request; HSTS makes the browser refuse plain HTTP before it sends anything.',
  remediation:
    'Add `cloudflare_zone_setting { zone_id, setting_id = "security_header", value = { strict_transport_security = { enabled = true, max_age = 31536000, include_subdomains = true, nosniff = true } } }` for each zone.',
  area: 'cloudflare',
  scope: 'stack',
  check: zoneHsts,
};
