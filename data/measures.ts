/**
 * The measures M1–M22: the promises German SaaS companies publish on their
 * TOM pages, as the kit reads them. Every control names the measures it
 * evidences (`measures` in the catalogue); which controls prove a measure is
 * derived from there, never kept here. A test checks that every measure id a
 * control names exists and that every measure is either proved by a control
 * or marked organisational.
 *
 * `how`: `technical` — the kit provisions it and controls prove it;
 * `inherited` — the provider performs it (reported with its source, never as
 * enforced); `partly` — controls prove the technical part, the rest is
 * organisational; `organisational` — outside infrastructure, declared by the
 * organisation.
 */
export type MeasureKind = 'technical' | 'inherited' | 'partly' | 'organisational';

/**
 * The eight classic German TOM categories (annex to the old BDSG §9), plus
 * the procedure for regularly testing, assessing and evaluating the measures
 * that GDPR Art. 32(1)(d) asks for and TOM annexes list as a section of its own.
 */
export type TomCategory =
  | 'Zutrittskontrolle'
  | 'Zugangskontrolle'
  | 'Zugriffskontrolle'
  | 'Weitergabekontrolle'
  | 'Eingabekontrolle'
  | 'Auftragskontrolle'
  | 'Verfügbarkeitskontrolle'
  | 'Trennungskontrolle'
  | 'Überprüfungsverfahren';

export const TOM_CATEGORIES: readonly TomCategory[] = [
  'Zutrittskontrolle',
  'Zugangskontrolle',
  'Zugriffskontrolle',
  'Weitergabekontrolle',
  'Eingabekontrolle',
  'Auftragskontrolle',
  'Verfügbarkeitskontrolle',
  'Trennungskontrolle',
  'Überprüfungsverfahren',
];

export interface Measure {
  readonly id: string;
  /** The promise as a customer reads it. */
  readonly promise: string;
  /** What the kit does about it. */
  readonly implementation: string;
  readonly how: MeasureKind;
  /** Categories it belongs to; empty for measures outside the eight (review procedure, breach notification). */
  readonly tomCategories: readonly TomCategory[];
  readonly gdprArt32: readonly ('a' | 'b' | 'c' | 'd')[];
}

export const MEASURES: readonly Measure[] = [
  {
    id: 'M1',
    promise: 'Customer data is stored only on servers in Germany or the EU.',
    implementation: 'EU regions only (DigitalOcean fra1/ams3, AWS eu-central-1, Cloudflare EU regional hostnames); a missing region fails.',
    how: 'technical',
    tomCategories: ['Auftragskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M2',
    promise: 'All traffic between our infrastructure and clients is encrypted with TLS (HTTPS).',
    implementation: 'Load balancers redirect to HTTPS, Cloudflare strict TLS with a minimum of 1.2, HSTS, TLS to databases, TLS-only bucket policies.',
    how: 'technical',
    tomCategories: ['Weitergabekontrolle'],
    gdprArt32: ['a'],
  },
  {
    id: 'M3',
    promise: 'All databases and storage buckets are encrypted; personal data is stored encrypted.',
    implementation: 'SSE-KMS with key rotation and client-side encryption of backups where configurable; managed database encryption is inherited from the provider.',
    how: 'technical',
    tomCategories: ['Zugriffskontrolle'],
    gdprArt32: ['a'],
  },
  {
    id: 'M4',
    promise: 'Cloudflare security infrastructure and firewalls control inbound and outbound traffic.',
    implementation: 'WAF managed and OWASP rulesets, proxied DNS, origins reachable only from Cloudflare, no world-open ports, restricted egress.',
    how: 'technical',
    tomCategories: ['Zugangskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M5',
    promise: 'Brute-force attacks are monitored and blocked.',
    implementation: 'Cloudflare rate limiting on authentication paths, fail2ban on hosts.',
    how: 'technical',
    tomCategories: ['Zugangskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M6',
    promise: 'Host-based intrusion detection watches logs, rootkit signatures, file-system anomalies and brute force; the team is alerted at once.',
    implementation: 'Falco on clusters; AIDE, rkhunter, fail2ban and auditd on hosts; every finding goes to one alert route.',
    how: 'technical',
    tomCategories: ['Eingabekontrolle'],
    gdprArt32: ['b', 'd'],
  },
  {
    id: 'M7',
    promise: 'Changes, deletions and updates are logged so that unauthorised access can be proven.',
    implementation: 'Cloudflare Logpush to an EU bucket, auditd on hosts, bucket access logging.',
    how: 'technical',
    tomCategories: ['Eingabekontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M8',
    promise: 'File systems and all databases are backed up daily and the backups are kept for 14 days.',
    implementation: 'A daily backup job, 14-day rotation, lifecycle expiry and Object Lock for the retention.',
    how: 'technical',
    tomCategories: ['Verfügbarkeitskontrolle'],
    gdprArt32: ['c'],
  },
  {
    id: 'M9',
    promise: 'Backups are encrypted and transferred over a secured network to an external backup server.',
    implementation: 'Client-side age encryption, TLS, a vault at another provider, a least-privilege writer that cannot delete.',
    how: 'technical',
    tomCategories: ['Verfügbarkeitskontrolle'],
    gdprArt32: ['a', 'c'],
  },
  {
    id: 'M10',
    promise: 'Regular restore tests prove that backups can be recovered.',
    implementation: 'A weekly restore-drill job; the drill itself is tested against a real database.',
    how: 'technical',
    tomCategories: ['Verfügbarkeitskontrolle'],
    gdprArt32: ['c', 'd'],
  },
  {
    id: 'M11',
    promise: 'Servers are clustered and geo-redundant; failures are detected and handled automatically.',
    implementation: 'HA control plane, at least two nodes, a database standby and a replica in a second EU region, load-balancer failover within a minute.',
    how: 'technical',
    tomCategories: ['Verfügbarkeitskontrolle'],
    gdprArt32: ['b', 'c'],
  },
  {
    id: 'M12',
    promise: 'Capacity is managed continuously.',
    implementation: 'CPU, memory and disk alerts; autoscaling node pools.',
    how: 'technical',
    tomCategories: ['Verfügbarkeitskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M13',
    promise: 'We monitor our availability commitment.',
    implementation: 'Uptime checks and alerts for every public hostname.',
    how: 'technical',
    tomCategories: ['Verfügbarkeitskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M14',
    promise: 'Development, test and production environments are strictly separated; developers cannot change production directly.',
    implementation: 'One project, network and stack per environment, non-overlapping ranges, no shared resources; changes only through CI.',
    how: 'technical',
    tomCategories: ['Trennungskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M15',
    promise: 'Credentials are kept strictly separate from code.',
    implementation: 'No secret literal in synthesized configuration; tokens from the environment; Kubernetes secrets by reference.',
    how: 'technical',
    tomCategories: ['Zugangskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M16',
    promise: 'Services run as unprivileged users; operating systems and images are kept up to date.',
    implementation: 'Non-root jobs with read-only root file systems, unattended upgrades, cluster auto-upgrade with surge upgrades and a maintenance window.',
    how: 'technical',
    tomCategories: ['Zugriffskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M17',
    promise: 'Only personal accounts, least privilege and need-to-know; two-factor authentication.',
    implementation: 'SSH keys only, no password or root login, admin access only from configured networks, a least-privilege backup writer; 2FA and SSO are account settings the organisation declares.',
    how: 'partly',
    tomCategories: ['Zugangskontrolle', 'Zugriffskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M18',
    promise: 'Personal data is deleted 30 days after the contract ends, and every copy within one year.',
    implementation: 'Lifecycle expiry on buckets; no store keeps a copy longer than 30 + 365 days; versioning always with noncurrent expiry.',
    how: 'technical',
    tomCategories: ['Auftragskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M19',
    promise: 'Infrastructure configuration is managed and reviewed.',
    implementation: 'Everything as code, the audit as a gate in CI, waivers with owner and expiry.',
    how: 'technical',
    tomCategories: ['Eingabekontrolle', 'Überprüfungsverfahren'],
    gdprArt32: ['d'],
  },
  {
    id: 'M20',
    promise: 'Data centres are ISO 27001-certified and physically protected.',
    implementation: 'Performed by the hosting providers; the reports name each provider and the source of its certification.',
    how: 'inherited',
    tomCategories: ['Zutrittskontrolle'],
    gdprArt32: ['b'],
  },
  {
    id: 'M21',
    promise: 'Vulnerability scans, penetration tests and secure development (OWASP Top 10).',
    implementation: 'The WAF OWASP ruleset is provisioned and proved; scans, tests and development practice are organisational.',
    how: 'partly',
    tomCategories: [],
    gdprArt32: ['d'],
  },
  {
    id: 'M22',
    promise: 'Customers are notified of a breach within 48 hours; regular audits, training, a data protection officer and background checks.',
    implementation: 'Organisational: declared by the organisation, outside the infrastructure.',
    how: 'organisational',
    tomCategories: [],
    gdprArt32: ['d'],
  },
];

export const MEASURE_BY_ID: ReadonlyMap<string, Measure> = new Map(MEASURES.map((m) => [m.id, m]));
