import { fail, notApplicable, pass } from '../../types';
import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { attr, show } from '../../values';
import { decide } from './helpers/cloudformation';
import { bucketScope, inScope, isDataBucket } from './helpers/s3';
import { BUCKETS } from './helpers/catalogue';

/**
 * Every bucket whose data must be recoverable keeps object versions
 * (`VersioningConfiguration.Status` "Enabled"): the backup vault (Object Lock
 * requires it too) and every other data bucket of the general baseline. An
 * access-log bucket that is not the vault is not applicable.
 */
export function s3Versioning(bucket: InventoryResource, index: InventoryIndex): CheckResult {
  const scope = bucketScope(bucket);
  if (scope.kind !== 'vault' && !isDataBucket(bucket, index)) return inScope(notApplicable('access-log bucket'), scope);
  return inScope(decide(bucket, ['VersioningConfiguration'], judge), scope);
}

function judge(bucket: InventoryResource): CheckResult {
  const status = attr(bucket.values, 'VersioningConfiguration.Status');
  if (status === 'Enabled') return pass('versioning is enabled', 'VersioningConfiguration.Status');
  return fail(`versioning status is ${show(status)} (required: "Enabled")`, 'VersioningConfiguration.Status');
}

export const control: ResourceControl = {
  id: 'TOM-VLT-06',
  title: 'Backup buckets keep object versions',
  severity: 'high',
  iso27001_2022: ['A.8.13'],
  iso27001_2013: ['A.12.3.1'],
  gdprArt32: ['c'],
  tomCategory: 'Verfügbarkeitskontrolle',
  measures: ['M8'],
  measure: 'An overwritten or deleted backup remains recoverable as an earlier version.',
  equivalents: ['NIST.800.53.R5-S3BucketVersioningEnabled', 's3_bucket_object_versioning', 'CKV_AWS_21'],
  rationale: 'Without versioning a single PUT replaces a good backup for ever; Object Lock also requires versioning.',
  remediation: 'Set `versioned: true` (`VersioningConfiguration.Status: Enabled`) and expire noncurrent versions (TOM-VLT-08).',
  area: 'aws',
  scope: 'resource',
  appliesTo: BUCKETS,
  check: s3Versioning,
};
