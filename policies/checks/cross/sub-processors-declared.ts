import type { CheckResult, InventoryIndex, InventoryResource, StackInfo, StackControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';

/**
 * The declared sub-processors (companies that process personal data on the
 * customer's behalf) and the providers that only talk to infrastructure the
 * kit itself runs. Adding a provider means updating the sub-processor list
 * in the DPA first, then this list.
 */
export const SUB_PROCESSORS: Readonly<Record<string, string>> = {
  digitalocean: 'DigitalOcean LLC (hosting, EU regions)',
  cloudflare: 'Cloudflare, Inc. (CDN, WAF, DNS)',
  aws: 'Amazon Web Services EMEA SARL (off-site backup vault, eu-central-1)',
};

/** Providers that reach no third party: our own cluster, Terraform itself, local helpers. */
export const NON_PROCESSORS: readonly string[] = ['kubernetes', 'helm', 'terraform', 'random', 'null', 'time', 'tls', 'local', 'archive', 'cloudinit'];

/** `registry.terraform.io/digitalocean/digitalocean` → `digitalocean`; CloudFormation → `aws`. */
function providerName(r: InventoryResource): string {
  if (r.format === 'cloudformation') return 'aws';
  if (r.type === 'terraform_provider') {
    const name = r.address.replace(/^(?:terraform_provider|provider)\./, '').split('.')[0];
    return name.split('/').pop()!.toLowerCase();
  }
  return r.provider.split('/').pop()!.toLowerCase();
}

/**
 * TOM-GOV-01. A stack uses only declared sub-processors (DigitalOcean,
 * Cloudflare, AWS) plus providers that reach no third party (kubernetes, helm,
 * terraform and local helpers such as random). Any other provider is a new
 * sub-processor that the data processing agreement does not cover yet.
 */
export function subProcessorsDeclared(stack: StackInfo, index: InventoryIndex): CheckResult {
  const resources = index.byStack(stack.name);
  if (resources.length === 0) return notApplicable('no resources');
  const undeclared = new Map<string, string>();
  const used = new Set<string>();
  for (const r of resources) {
    const name = providerName(r);
    if (SUB_PROCESSORS[name]) used.add(name);
    else if (!NON_PROCESSORS.includes(name) && !undeclared.has(name)) undeclared.set(name, r.address);
  }
  if (undeclared.size > 0) {
    const list = [...undeclared].map(([name, address]) => `${name} (e.g. ${address})`).join(', ');
    const [, firstAddress] = [...undeclared][0];
    return fail(`provider(s) not on the sub-processor list: ${list}; declared: ${Object.keys(SUB_PROCESSORS).join(', ')}`, firstAddress);
  }
  return pass(`sub-processors: ${[...used].map((n) => SUB_PROCESSORS[n]).join('; ') || 'none'}`);
}

export const control: StackControl = {
  id: 'TOM-GOV-01',
  title: 'Only declared sub-processors',
  severity: 'medium',
  iso27001_2022: ['A.5.19', 'A.5.23'],
  iso27001_2013: ['A.15.1.1'],
  gdprArt32: ['b'],
  tomCategory: 'Auftragskontrolle',
  measures: ['M1'],
  measure: 'Personal data is processed only by the sub-processors named in the contract.',
  equivalents: [],
  rationale:
    'Every Terraform provider or CloudFormation stack talks to a company; one that is not on the sub-processor list of the DPA processes data without the customer\'s consent. DigitalOcean, Cloudflare and AWS are US companies: an EU region is EU location, not EU jurisdiction, which the report states.',
  remediation: 'Remove the provider, or add the company to the sub-processor list (DPA, customer notice) and then to SUB_PROCESSORS in policies/checks/cross/sub-processors-declared.ts.',
  area: 'cross',
  scope: 'stack',
  check: subProcessorsDeclared,
};
