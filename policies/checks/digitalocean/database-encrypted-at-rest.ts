/** Performed by the provider: no check of its own; every resource of `appliesTo` is reported as inherited, never as passed. */
import type { InheritedControl } from '../../types';
import { DB, REPLICA, DO_DB_RESPONSIBILITY } from './helpers/catalogue';

export const control: InheritedControl = {
  id: 'TOM-ENC-02',
  title: 'Managed databases encrypted at rest (provider)',
  severity: 'high',
  iso27001_2022: ['A.8.24'],
  iso27001_2013: ['A.10.1.1', 'A.10.1.2'],
  gdprArt32: ['a'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M3'],
  measure: 'Databases are encrypted at rest.',
  equivalents: [],
  rationale: 'DigitalOcean encrypts managed database storage with LUKS; it cannot be switched off or configured, so it is reported as inherited with its source, not as a passed check.',
  remediation: 'Nothing to configure. Keep personal data in managed databases, volumes or client-side encrypted objects, never on Droplet disks (not encrypted at rest).',
  area: 'digitalocean',
  scope: 'inherited',
  appliesTo: [DB, REPLICA],
  inherited: {
    document: DO_DB_RESPONSIBILITY,
    retrieved: '2026-11-23',
    statement: 'DigitalOcean lists encrypting managed database data at rest (LUKS) among its own responsibilities.',
  },
};
