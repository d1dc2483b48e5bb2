/** Performed by the provider: no check of its own; every resource of `appliesTo` is reported as inherited, never as passed. */
import type { InheritedControl } from '../../types';
import { DB, REPLICA, DOKS, DROPLET, BUCKET, VOLUME, LB } from './helpers/catalogue';

export const control: InheritedControl = {
  id: 'TOM-RES-03',
  title: 'Certified data centres with physical access control (provider)',
  severity: 'high',
  iso27001_2022: ['A.7.1', 'A.7.2', 'A.7.3', 'A.7.4', 'A.5.23'],
  iso27001_2013: ['A.11.1.1', 'A.11.1.2', 'A.11.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Zutrittskontrolle',
  measures: ['M20'],
  measure: 'Servers run in certified data centres with physical perimeter and entry controls.',
  equivalents: [],
  rationale:
    'Physical security of the data centres is DigitalOcean\'s (and its colocation partners\') duty, not something configuration can show. The report names the source; the auditor checks the current certificates (SOC 2 Type II report, colocation certifications) under NDA.',
  remediation: 'Nothing to configure. Obtain DigitalOcean\'s current SOC 2 report and the colocation certificates for fra1/ams3 for the audit file.',
  area: 'digitalocean',
  scope: 'inherited',
  appliesTo: [DB, REPLICA, DOKS, DROPLET, BUCKET, VOLUME, LB],
  inherited: {
    document: 'DigitalOcean, Infrastructure Security, https://www.digitalocean.com/security/infrastructure-security',
    retrieved: '2026-11-23',
    statement:
      'DigitalOcean states that the colocation providers of its data centres hold industry-recognised certifications for physical security and that its infrastructure is audited by third parties annually.',
  },
};
