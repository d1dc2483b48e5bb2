/** Performed by the provider: no check of its own; every resource of `appliesTo` is reported as inherited, never as passed. */
import type { InheritedControl } from '../../types';
import { BUCKET } from './helpers/catalogue';

export const control: InheritedControl = {
  id: 'TOM-ENC-04',
  title: 'Spaces encryption at rest (provider, unverified)',
  severity: 'medium',
  iso27001_2022: ['A.8.24'],
  iso27001_2013: ['A.10.1.1', 'A.10.1.2'],
  gdprArt32: ['a'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M3'],
  measure: 'Object storage buckets are encrypted at rest.',
  equivalents: [],
  rationale:
    'Spaces has no bucket-level encryption setting (only per-request SSE-C), and DigitalOcean\'s documentation makes no clear statement of default encryption at rest. The claim is therefore inherited and unverified: sensitive objects such as backups are encrypted client-side before upload.',
  remediation: 'Encrypt sensitive objects client-side (the backup runner uses age) and do not promise bucket encryption on the strength of this entry.',
  area: 'digitalocean',
  scope: 'inherited',
  appliesTo: [BUCKET],
  inherited: {
    document: 'DigitalOcean Docs, Spaces › S3 Compatibility, https://docs.digitalocean.com/products/spaces/reference/s3-compatibility/',
    retrieved: '2026-11-23',
    statement:
      'UNVERIFIED: the page lists object encryption only as SSE-C with customer-provided keys and says bucket-level encryption settings are not supported; no default encryption at rest is documented there.',
  },
};
