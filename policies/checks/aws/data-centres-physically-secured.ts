/** Performed by the provider: no check of its own; every resource of `appliesTo` is reported as inherited, never as passed. */
import type { InheritedControl } from '../../types';
import { BUCKETS } from './helpers/catalogue';

export const control: InheritedControl = {
  id: 'TOM-VLT-12',
  title: 'Vault data centres physically secured (provider)',
  severity: 'medium',
  iso27001_2022: ['A.7.1', 'A.7.2', 'A.7.3', 'A.7.4', 'A.5.23'],
  iso27001_2013: ['A.11.1.1', 'A.11.1.2', 'A.11.1.3'],
  gdprArt32: ['b'],
  tomCategory: 'Zutrittskontrolle',
  measures: ['M20'],
  measure: 'Only authorised people can physically reach the servers and media that hold the off-site backups.',
  equivalents: [],
  rationale:
    'Physical security of the vault\'s data centres is the provider\'s measure, not configuration we can check: the report names it as inherited with its source, never as passed.',
  remediation: "Nothing to configure. Keep AWS's current compliance reports (AWS Artifact) with the audit evidence and review them yearly.",
  area: 'aws',
  scope: 'inherited',
  appliesTo: BUCKETS,
  inherited: {
    document: 'AWS, Data Center Controls, https://aws.amazon.com/compliance/data-center/controls/ (with the Perimeter and Data Layer pages)',
    retrieved: '2026-11-23',
    statement:
      'AWS states that data-centre access is granted only for a justified business need and revoked afterwards, that entry is staffed and uses multi-factor badges, and that video surveillance and intrusion alarms watch the perimeter and server rooms.',
  },
};
