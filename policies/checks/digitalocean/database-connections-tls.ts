/** Performed by the provider: no check of its own; every resource of `appliesTo` is reported as inherited, never as passed. */
import type { InheritedControl } from '../../types';
import { DB, REPLICA, DO_DB_RESPONSIBILITY } from './helpers/catalogue';

export const control: InheritedControl = {
  id: 'TOM-ENC-03',
  title: 'Managed database connections use TLS (provider)',
  severity: 'high',
  iso27001_2022: ['A.8.24', 'A.5.14'],
  iso27001_2013: ['A.10.1.1', 'A.13.2.1', 'A.13.2.2', 'A.13.2.3'],
  gdprArt32: ['a'],
  tomCategory: 'Weitergabekontrolle',
  measures: ['M2'],
  measure: 'Connections to the databases are encrypted in transit.',
  equivalents: [],
  rationale: 'DigitalOcean requires SSL/TLS for connections to managed databases; the client\'s sslmode decides whether the server certificate is also verified.',
  remediation: 'Nothing to configure on the cluster. Clients should use sslmode=verify-full with the cluster CA certificate.',
  area: 'digitalocean',
  scope: 'inherited',
  appliesTo: [DB, REPLICA],
  inherited: {
    document: DO_DB_RESPONSIBILITY,
    retrieved: '2026-11-23',
    statement: 'DigitalOcean lists encrypting managed database traffic in transit (SSL) among its own responsibilities.',
  },
};
