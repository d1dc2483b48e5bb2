import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';
import { blocks, isTrue, num } from '../../values';
import { isSet } from './helpers/links';
import { LB } from './helpers/catalogue';

const TLS_PROTOCOLS: readonly string[] = ['https', 'http2', 'http3'];

/**
 * TOM-ENC-01 (DIG-0002). The load balancer speaks TLS to clients: every
 * https/http2/http3 forwarding rule has a certificate (`certificate_name`) or
 * passes TLS through (`tls_passthrough`), port 443 carries only such rules,
 * at least one exists, and plain HTTP is only ever redirected
 * (`redirect_http_to_https = true`).
 */
export function loadbalancerHttps(lb: InventoryResource): CheckResult {
  const rules = blocks(lb.values, 'forwarding_rule');
  for (const [i, rule] of rules.entries()) {
    const protocol = String(rule.entry_protocol ?? '').toLowerCase();
    const port = num(rule.entry_port);
    if (TLS_PROTOCOLS.includes(protocol)) {
      if (!isSet(rule.certificate_name) && !isSet(rule.certificate_id) && !isTrue(rule.tls_passthrough)) {
        return fail(`forwarding_rule[${i}] (${protocol} ${port ?? '?'}) has neither certificate_name nor tls_passthrough`, `forwarding_rule[${i}].certificate_name`);
      }
    } else if (port === 443) {
      return fail(`forwarding_rule[${i}] listens on 443 with "${protocol}"; use https, http2 or http3 with a certificate or tls_passthrough`, `forwarding_rule[${i}].entry_protocol`);
    }
  }
  if (!rules.some((r) => TLS_PROTOCOLS.includes(String(r.entry_protocol ?? '').toLowerCase()))) {
    return fail('no forwarding_rule accepts https, http2 or http3: clients cannot connect over TLS', 'forwarding_rule');
  }
  if (!isTrue(lb.values.redirect_http_to_https)) {
    return fail(`redirect_http_to_https is ${JSON.stringify(lb.values.redirect_http_to_https ?? null)}, must be true so plain HTTP is redirected to HTTPS`, 'redirect_http_to_https');
  }
  return pass('TLS on every client-facing rule; HTTP redirected to HTTPS', 'forwarding_rule');
}

export const control: ResourceControl = {
  id: 'TOM-ENC-01',
  title: 'Load balancers serve HTTPS only',
  severity: 'critical',
  iso27001_2022: ['A.8.24', 'A.5.14', 'A.8.21'],
  iso27001_2013: ['A.10.1.1', 'A.13.2.1', 'A.13.2.2', 'A.13.2.3', 'A.13.1.2'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2'],
  measure: 'All traffic between clients and the platform is encrypted with TLS (HTTPS).',
  equivalents: ['DIG-0002'],
  rationale: 'A forwarding rule without a certificate, or plain HTTP that is not redirected, sends personal data and session cookies in clear text.',
  remediation: 'Use entry_protocol https/http2/http3 on 443 with `certificate_name` (or `tls_passthrough = true`) and set `redirect_http_to_https = true`.',
  area: 'digitalocean',
  scope: 'resource',
  appliesTo: [LB],
  check: loadbalancerHttps,
};
