/**
 * The TOM annex in English, mirroring the German primary text sentence by
 * sentence. Numbers, regions and schedules come from the facts.
 */
import type { AnnexFacts } from '../facts';
import type { Formatter, Messages } from './types';

const quoted = (s: string) => `"${s}"`;

function alertChannels(f: AnnexFacts): string[] {
  return [
    ...(f.alerting.email ? ['e-mail'] : []),
    ...(f.alerting.webhook ? ['webhook'] : []),
    ...f.alerting.slack.map((c) => `Slack (${c})`),
    ...(f.alerting.teams ? ['Microsoft Teams'] : []),
  ];
}

const days = (f: AnnexFacts, x: Formatter) =>
  f.retentionDays.length === 1 ? `${x.number(f.retentionDays[0])} days` : `${x.list(f.retentionDays.map((d) => x.number(d)))} days (depending on the environment)`;

const regions = (xs: readonly string[], x: Formatter) => x.list(xs.map((r) => x.region(r)));

const schedules = (xs: readonly string[], x: Formatter) => x.list(xs.map((s) => x.schedule(s)));

const stageList = (f: AnnexFacts, x: Formatter, stages: Readonly<Record<string, string>>) =>
  x.list(f.environments.map((e) => (stages[e.stage] === e.name ? e.name : `${stages[e.stage]} ("${e.name}")`)));

const STAGES: Readonly<Record<string, string>> = { dev: 'development', staging: 'test', prod: 'production' };
const WEEKDAYS: Readonly<Record<string, string>> = {
  monday: 'Mondays',
  tuesday: 'Tuesdays',
  wednesday: 'Wednesdays',
  thursday: 'Thursdays',
  friday: 'Fridays',
  saturday: 'Saturdays',
  sunday: 'Sundays',
  any: 'any day',
};

export const en: Messages = {
  locale: 'en-GB',
  title: 'TOM Annex: Technical and Organisational Measures under Art. 32 GDPR',
  processor: 'Processor',
  privacyContact: 'Data protection contact',
  asOf: 'As of',
  version: 'Version',
  page: 'Page',
  intro: (f, x, date, org) => [
    `This annex describes the technical and organisational measures${org ? ` of ${org}` : ''} for processing personal data on behalf of customers (Art. 28 GDPR) in the environment ${x.list(f.described.map((n) => `"${n}"`))}.`,
    `Technical measures are listed only when the automated audit of the infrastructure on ${x.date(date)} passed every control behind them. Measures performed by a service provider name that provider and the source. Organisational measures are marked as declared; they are not verified technically.`,
  ],
  sections: {
    Zutrittskontrolle: { title: 'Physical access control (Zutrittskontrolle)', intro: 'Unauthorised persons are denied access to data processing facilities.' },
    Zugangskontrolle: { title: 'System access control (Zugangskontrolle)', intro: 'Data processing systems cannot be used by unauthorised persons.' },
    Zugriffskontrolle: { title: 'Data access control (Zugriffskontrolle)', intro: 'Authorised users access only the data they need for their task.' },
    Weitergabekontrolle: {
      title: 'Transfer control (Weitergabekontrolle)',
      intro: 'Personal data cannot be read, copied, changed or removed without authorisation while it is transferred.',
    },
    Eingabekontrolle: { title: 'Input control (Eingabekontrolle)', intro: 'It can be established afterwards whether and by whom data was entered, changed or removed.' },
    Auftragskontrolle: { title: 'Order control (Auftragskontrolle)', intro: "Personal data is processed only according to the customer's instructions." },
    Verfügbarkeitskontrolle: {
      title: 'Availability control (Verfügbarkeitskontrolle)',
      intro: 'Personal data is protected against accidental destruction or loss and can be restored quickly after an incident.',
    },
    Trennungskontrolle: { title: 'Separation control (Trennungskontrolle)', intro: 'Data collected for different purposes is processed separately.' },
    Verschlüsselung: {
      title: 'Pseudonymisation and encryption (Art. 32(1)(a) GDPR)',
      intro: 'Encryption is described in the sections above and summarised here. Pseudonymisation concerns the individual processing in the application and is not covered by this annex.',
    },
    Überprüfungsverfahren: {
      title: 'Process for regularly testing, assessing and evaluating (Art. 32(1)(d) GDPR)',
      intro: 'The effectiveness of the measures is regularly tested, assessed and evaluated.',
    },
  },
  technical: (date) => `Technical measures (verified automatically, as of ${date})`,
  declared: (org) => `Organisational measures (declared${org ? ` by ${org}` : ''}, not verified technically)`,
  noMeasures: 'No measures are currently listed in this section.',
  providedBy: 'Performed by the service provider',
  providedPartly: 'Partly performed by the service provider',
  source: (document, retrieved) => `Source: ${document}, retrieved on ${retrieved}`,
  measures: {
    M1: (f, x) =>
      `All systems that process personal data run only in data centres in the EU: the application and every database in ${regions(f.primaryRegions, x)}` +
      (f.replicaRegions.length > 0 ? ` with a read replica in ${regions(f.replicaRegions, x)}` : '') +
      (f.vaultRegions.length > 0 ? `, the backups in ${regions(f.vaultRegions, x)}` : '') +
      '.' +
      (f.euEdge ? ' Encrypted connections are decrypted only in data centres in the EU.' : ''),
    M2: (f) =>
      'All connections between users and the service are encrypted with HTTPS' +
      (f.minTls ? `; connections with a TLS version older than ${f.minTls} are refused, plain HTTP is redirected to HTTPS${f.hsts ? ' and browsers are told by HSTS to use HTTPS only' : ''}` : '') +
      '. Connections to the servers, the databases and the backup storage are TLS-encrypted as well.',
    M3: () => 'Databases, volumes and storage are encrypted at rest; the backups are additionally encrypted with our own, automatically rotated keys.',
    M4: (f) =>
      (f.providers.includes('cloudflare')
        ? 'All web traffic passes through the Cloudflare network and its web application firewall with managed rulesets; the servers are reachable only from that network. '
        : '') + 'Firewalls allow no port open to the whole internet and restrict outbound connections to what is needed.',
    M5: (f, x) =>
      (f.rateLimit
        ? `Sign-in paths (${f.rateLimit.paths.map(quoted).join(', ')}) are limited to ${x.number(f.rateLimit.requests)} requests per ${x.number(f.rateLimit.periodSeconds)} seconds and client; requests beyond that are blocked.`
        : 'Sign-in attempts are limited.') + (f.hosts ? ' Repeated failed logins on servers block their source automatically.' : ''),
    M6: (f, x) =>
      `An intrusion detection system watches every Kubernetes cluster${f.hosts ? ' and server for rootkits, file-system changes and brute-force attacks' : ''}; every finding alerts the operations team at once by ${x.list(alertChannels(f))}.`,
    M7: (f) =>
      'Changes and access are logged' +
      (f.providers.includes('cloudflare') ? ': HTTP requests and firewall events are stored in the EU' : '') +
      (f.hosts ? ', servers keep an operating-system audit log' : '') +
      ', and access to the backups is logged separately.',
    M8: (f, x) =>
      `Every database is backed up ${schedules(f.backupSchedules, x)}. Backups are kept for ${days(f, x)} and locked against deletion and overwriting during that time; storage is versioned and protected against accidental deletion.`,
    M9: (f, x) =>
      'Backups are encrypted before they leave and are transferred over TLS to external backup storage at a second provider' +
      (f.vaultRegions.length > 0 ? ` in ${regions(f.vaultRegions, x)}` : '') +
      '. The account that writes them can neither delete backups nor change their protection.',
    M10: (f, x) =>
      `An automated restore test restores the latest backup of every database ${schedules(f.drillSchedules, x)}; when a backup or a test fails, the operations team is alerted.`,
    M11: (f, x) =>
      `The application runs in a highly available Kubernetes cluster with at least ${x.count(f.nodes.min)} nodes` +
      (f.databaseNodes >= 2 ? '; every database has a standby node with automatic failover' : '') +
      (f.replicaRegions.length > 0 ? ` and a read replica in ${regions(f.replicaRegions, x)}` : '') +
      '. Failed servers are detected and taken out of service within one minute.',
    M12: (f, x) =>
      `Processor, memory and disk usage of every node and database is monitored; high usage alerts the operations team, and the cluster scales automatically between ${x.count(f.nodes.min)} and ${x.count(f.nodes.max)} nodes.`,
    M13: (f, x) =>
      `The availability of ${f.hostnames.length > 0 ? `every public address (${x.list(f.hostnames)})` : 'the service'} is checked continuously from outside; the operations team is alerted when it is down.`,
    M14: (f, x) =>
      `The ${stageList(f, x, STAGES)} environments are strictly separated: each has its own project, its own network with no overlapping address ranges and its own resources. Production is changed only through the reviewed delivery pipeline.`,
    M15: () => 'Credentials and keys are kept strictly separate from code: they appear in no configuration and reach applications only through protected secrets.',
    M16: (f, x) =>
      'Services run without administrator rights and with a read-only file system. Security updates for operating systems and Kubernetes are installed automatically' +
      (f.clusterMaintenance.length > 0
        ? `, cluster upgrades in the maintenance window ${x.list(f.clusterMaintenance.map((m) => `${WEEKDAYS[m.day] ?? m.day} from ${m.time} UTC`))}`
        : '') +
      '.',
    M17: (f, x) =>
      `Administrative access is possible only through personal accounts with SSH keys, without password or root login, and only from ${f.adminNetworks === 1 ? 'one defined network' : `${x.count(f.adminNetworks)} defined networks`}. Storage is not publicly accessible; technical accounts have only the rights their task needs.`,
    M18: (f, x) =>
      `Every store deletes data automatically after fixed periods: no copy, including backups and older versions, is kept longer than ${x.number(f.maxCopyDays)} days (${x.number(f.offboardingDays)} days after the contract ends plus one year).`,
    M19: () =>
      'The whole infrastructure is managed as code. Every change is checked automatically against the measures of this annex before it is rolled out; exceptions are allowed only for a limited time and with a named owner.',
    M20: () =>
      'The data centres are operated by the hosting providers. They control physical access themselves and document it through certifications, third-party audits or published descriptions of their controls; each source is given.',
    M21: () => 'The web application firewall filters attacks of the OWASP Top 10 with the OWASP Core Ruleset.',
  },
  summaries: {
    M2: () => 'All data transfers are encrypted with TLS (see transfer control).',
    M3: () => 'Stored data and backups are encrypted (see data access control).',
    M9: () => 'Backups are encrypted before they are transferred (see availability control).',
    M10: (f, x) => `Restoring the backups is tested automatically ${schedules(f.drillSchedules, x)} (see availability control).`,
    M19: () =>
      'With every change to the infrastructure an automated check tests whether the measures of this annex are still met. This annex is generated from the result and lists only the measures that passed.',
  },
  stages: STAGES,
  weekdays: WEEKDAYS,
  places: { fra1: 'Frankfurt', ams2: 'Amsterdam', ams3: 'Amsterdam', 'eu-central-1': 'Frankfurt' },
  numberWords: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
  subProcessors: {
    heading: 'Sub-processors',
    intro: 'The following sub-processors take part in the processing:',
    columns: ['Company', 'Purpose', 'Place of processing', 'Basis for transfers to third countries'],
    providers: {
      digitalocean: {
        purpose: 'Hosting: Kubernetes, managed databases, object storage, load balancers',
        location: (f, x) => `EU: ${x.list([...new Set([...f.primaryRegions, ...f.replicaRegions])].map((r) => x.region(r)))}`,
        transfer: 'Seat in the United States: EU-U.S. Data Privacy Framework (Art. 45 GDPR) and standard contractual clauses (Art. 46(2)(c) GDPR)',
      },
      cloudflare: {
        purpose: 'DNS, TLS termination, web application firewall and request limiting in front of the service',
        location: (f) => (f.euEdge ? 'Global network; decryption only in data centres in the EU, logs in the EU' : 'Global network'),
        transfer: 'Seat in the United States: EU-U.S. Data Privacy Framework (Art. 45 GDPR) and standard contractual clauses (Art. 46(2)(c) GDPR)',
      },
      aws: {
        purpose: 'External storage for encrypted backups',
        location: (f, x) => (f.vaultRegions.length > 0 ? `EU: ${regions(f.vaultRegions, x)}` : 'EU'),
        transfer: 'Contracting party in Luxembourg, parent company in the United States: EU-U.S. Data Privacy Framework (Art. 45 GDPR) and standard contractual clauses (Art. 46(2)(c) GDPR)',
      },
    },
  },
  risks: {
    heading: 'Residual risks',
    intro: 'The following risks remain despite the measures and are stated openly:',
    items: {
      jurisdiction: {
        title: 'Place of processing is not jurisdiction',
        detail:
          'The hosting providers are US companies or belong to US groups. Choosing EU regions decides where data is stored and processed, not which law can compel access to it.',
      },
      edgeTls: {
        title: 'TLS terminates at the edge of the Cloudflare network',
        detail: 'Traffic routed through Cloudflare is decrypted in the Cloudflare data centre. Only addresses bound to the EU region keep decryption inside the EU.',
      },
      hostDisks: {
        title: 'Local server disks are not encrypted',
        detail:
          "The local disks of virtual servers (Droplets) are not encrypted at rest by the provider. Personal data therefore belongs in managed databases, volumes or encrypted objects, never on a server's disk.",
      },
    },
  },
};
