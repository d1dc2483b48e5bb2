import type { Control } from '../../types';
import * as vaultStackRegion from './vault-stack-region';
import * as kmsKeyRotation from './kms-key-rotation';
import * as s3BucketEncryption from './s3-bucket-encryption';
import * as s3BlockPublicAccess from './s3-block-public-access';
import * as s3TlsOnlyPolicy from './s3-tls-only-policy';
import * as s3Versioning from './s3-versioning';
import * as s3ObjectLock from './s3-object-lock';
import * as s3LifecycleExpiry from './s3-lifecycle-expiry';
import * as s3AccessLogging from './s3-access-logging';
import * as iamLeastPrivilege from './iam-least-privilege';
import * as kmsKeyNotPublic from './kms-key-not-public';
import * as dataCentresPhysicallySecured from './data-centres-physically-secured';
import * as cdkNagFindingAcknowledged from './cdk-nag-finding-acknowledged';

/**
 * Controls over AWS CloudFormation: the off-site backup vault's controls
 * (customer-managed key, Object Lock, lifecycle expiry) on buckets marked as
 * the vault, the general S3 baseline on every other bucket (see
 * `policies/checks/aws/helpers/s3.ts`). Every bucket finding says which scope applied.
 */
export const AWS_CONTROLS: readonly Control[] = [
  vaultStackRegion.control,
  kmsKeyRotation.control,
  s3BucketEncryption.control,
  s3BlockPublicAccess.control,
  s3TlsOnlyPolicy.control,
  s3Versioning.control,
  s3ObjectLock.control,
  s3LifecycleExpiry.control,
  s3AccessLogging.control,
  iamLeastPrivilege.control,
  kmsKeyNotPublic.control,
  dataCentresPhysicallySecured.control,
  cdkNagFindingAcknowledged.control,
];
