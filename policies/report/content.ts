/**
 * Fixed statements every report carries, kept as data so the Markdown and
 * HTML reports say exactly the same thing. Source: the "Residual risks the
 * report must state" and "document only" rows of
 * shared/reference/tom-measures.md. Only ISO/IEC 27001 ids appear, never its text.
 */

/** What to do about unknown findings, said the same way in every report that lists them. */
export const UNKNOWN_HINT =
  'Pass the values (`--var-file FILE` or `--var NAME=VALUE` for Terraform, `--cfn-parameter NAME=VALUE` for CloudFormation), or audit the plan JSON (`terraform show -json`), where every value is known.';

export interface ResidualRisk {
  readonly title: string;
  readonly detail: string;
}

export const RESIDUAL_RISKS: readonly ResidualRisk[] = [
  {
    title: 'EU location is not EU jurisdiction',
    detail:
      'DigitalOcean, LLC and Cloudflare, Inc. are US companies, and the AWS backup vault belongs to a US group. Choosing EU regions decides where data is stored and processed, ' +
      'not which law can compel access to it. Each provider below is a sub-processor and belongs in the record of processing and the customer contracts.',
  },
  {
    title: 'Cloudflare terminates TLS at its edge',
    detail:
      'Traffic proxied through Cloudflare is decrypted at the nearest Cloudflare data centre, which may be outside the EU. ' +
      'Only hostnames with a regional hostname set to the EU region (region_key "eu", an Enterprise / Data Localization Suite feature) keep decryption inside the EU.',
  },
  {
    title: 'Droplet local disks are not encrypted at rest',
    detail:
      'DigitalOcean does not encrypt Droplet local disks. Personal data belongs in managed databases, block storage volumes or client-side encrypted objects, never on a Droplet disk.',
  },
];

export interface SubProcessor {
  readonly provider: string;
  readonly company: string;
  readonly seat: string;
  readonly role: string;
}

export const SUB_PROCESSORS: readonly SubProcessor[] = [
  {
    provider: 'DigitalOcean',
    company: 'DigitalOcean, LLC',
    seat: 'United States',
    role: 'Sub-processor: hosting (Kubernetes, managed databases, Spaces object storage, load balancers) in EU regions',
  },
  {
    provider: 'Cloudflare',
    company: 'Cloudflare, Inc.',
    seat: 'United States',
    role: 'Sub-processor: DNS, TLS termination, WAF and rate limiting in front of the service',
  },
  {
    provider: 'Amazon Web Services',
    company: 'Amazon Web Services EMEA SARL, part of Amazon.com, Inc.',
    seat: 'Luxembourg; parent company in the United States',
    role: 'Sub-processor: off-site backup vault in eu-central-1 (client-side encrypted backups only)',
  },
];

/** Promises the kit cannot provision or check: organisational, listed as out of scope. */
export interface OrganisationalMeasure {
  readonly measure: string;
  readonly promise: string;
  readonly iso27001_2022: readonly string[];
  readonly why: string;
}

export const ORGANISATIONAL_MEASURES: readonly OrganisationalMeasure[] = [
  {
    measure: 'M17 (part)',
    promise: 'Two-factor authentication and single sign-on for every account',
    iso27001_2022: ['A.8.5'],
    why: 'Account settings of the cloud and identity providers; infrastructure code cannot express or read them.',
  },
  {
    measure: 'M21 (part)',
    promise: 'Vulnerability scans, penetration tests and secure development (OWASP Top 10)',
    iso27001_2022: ['A.8.8', 'A.8.29'],
    why: 'Activities of the development and security teams; the kit only provisions the WAF OWASP ruleset.',
  },
  {
    measure: 'M22',
    promise: 'Breach notification within 48 hours, regular audits, training, data protection officer, background checks',
    iso27001_2022: ['A.5.24', 'A.5.25', 'A.5.26', 'A.6.3'],
    why: 'Organisational processes; document them in the ISMS.',
  },
];
