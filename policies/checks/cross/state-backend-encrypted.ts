import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { isTrue } from '../../values';
import { backendKind } from './helpers/backend';

/** Backends that encrypt only when `encrypt = true`. */
const ENCRYPT_FLAG: readonly string[] = ['s3', 'oss', 'cos'];
/** Backends whose service always encrypts stored state (GCS, Azure Storage, HCP Terraform). */
const ALWAYS_ENCRYPTED: readonly string[] = ['gcs', 'azurerm', 'remote', 'cloud'];

/**
 * TOM-GOV-02. Terraform state, which holds every resource attribute including
 * generated passwords, is encrypted at rest in its remote backend: `s3`
 * (also DigitalOcean Spaces through the s3 backend), `oss` and `cos` need
 * `encrypt = true`; gcs, azurerm and HCP Terraform always encrypt; any other
 * remote backend (pg, consul, http, kubernetes) cannot show encryption and
 * fails. The local backend is TOM-GOV-03's finding.
 */
export function stateBackendEncrypted(backend: InventoryResource): CheckResult {
  const kind = backendKind(backend);
  if (kind === 'local') return notApplicable('local backend: reported by TOM-GOV-03');
  if (ALWAYS_ENCRYPTED.includes(kind)) return pass(`${kind} encrypts stored state by design`);
  if (!ENCRYPT_FLAG.includes(kind)) return fail(`backend "${kind}" has no encryption setting that can be verified; use s3 with encrypt = true, gcs, azurerm or HCP Terraform`, 'backend');
  if (isTrue(backend.values.encrypt)) return pass(`${kind} backend with encrypt = true`, 'encrypt');
  return fail(`encrypt is ${JSON.stringify(backend.values.encrypt ?? null)}; the ${kind} backend stores state unencrypted unless encrypt = true`, 'encrypt');
}

export const control: ResourceControl = {
  id: 'TOM-GOV-02',
  title: 'Terraform state encrypted at rest',
  severity: 'high',
  iso27001_2022: ['A.8.24', 'A.8.9'],
  iso27001_2013: ['A.10.1.1'],
  gdprArt32: ['a'],
  tomCategory: 'Zugriffskontrolle',
  measures: ['M15', 'M19'],
  measure: 'Configuration state, which contains generated credentials, is stored encrypted.',
  equivalents: [],
  rationale: 'Terraform state holds every attribute in clear text, including generated database passwords and kubeconfigs; the backend must encrypt it.',
  remediation: 'Use the s3 backend with `encrypt = true` (or gcs, azurerm, HCP Terraform).',
  area: 'cross',
  scope: 'resource',
  appliesTo: ['terraform_backend'],
  check: stateBackendEncrypted,
};
