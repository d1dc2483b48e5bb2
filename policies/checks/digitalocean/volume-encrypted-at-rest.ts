/** Performed by the provider: no check of its own; every resource of `appliesTo` is reported as inherited, never as passed. */
import type { InheritedControl } from '../../types';
import { VOLUME } from './helpers/catalogue';

export const control: InheritedControl = {
  id: 'TOM-ENC-05',
  title: 'Block storage volumes encrypted at rest (provider)',
  severity: 'medium',
  iso27001_2022: ['A.8.24'],
  iso27001_2013: ['A.10.1.1', 'A.10.1.2'],
  gdprArt32: ['a'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M3'],
  measure: 'Block storage holding data is encrypted at rest.',
  equivalents: [],
  rationale: 'DigitalOcean encrypts Volumes with LUKS; unlike Droplet local disks, they may hold personal data.',
  remediation: 'Nothing to configure. Put data that must be encrypted at rest on volumes, not on the Droplet\'s own disk.',
  area: 'digitalocean',
  scope: 'inherited',
  appliesTo: [VOLUME],
  inherited: {
    document: 'DigitalOcean Docs, Glossary › LUKS, https://docs.digitalocean.com/glossary/luks',
    retrieved: '2026-11-23',
    statement: 'DigitalOcean states that Volumes are encrypted with LUKS.',
  },
};
