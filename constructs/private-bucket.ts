import { SpacesBucket } from '@cdktf/provider-digitalocean/lib/spaces-bucket';
import { Construct } from 'constructs';
import type { EuRegion } from '../config/schema';
import { DEFAULT_NONCURRENT_VERSION_DAYS, OFFBOARDING_DAYS, OFFBOARDING_PREFIX } from '../data/retention';

export interface PrivateBucketProps {
  /** Globally unique Spaces bucket name. */
  readonly name: string;
  /**
   * EU region. Always written out: Spaces silently falls back to nyc3 (US)
   * when the region is missing.
   */
  readonly region: EuRegion;
  /**
   * Delete objects this many days after they were written (logs, exports).
   * @default live data: objects are kept until the application deletes them,
   *   and objects it moves under `offboarding/` expire after 30 days
   */
  readonly expireAfterDays?: number;
  /**
   * Delete overwritten or deleted object versions after this many days, so
   * versioning never keeps a copy past the deletion promise.
   * @default 30
   */
  readonly noncurrentVersionExpireDays?: number;
  /** Abort unfinished multipart uploads after this many days. @default 1 */
  readonly abortIncompleteUploadsAfterDays?: number;
}

/**
 * A Spaces bucket that is private, versioned, never force-destroyed and
 * bounded in how long any copy of an object lives.
 */
export class PrivateBucket extends Construct {
  readonly bucket: SpacesBucket;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    const noncurrent = props.noncurrentVersionExpireDays ?? DEFAULT_NONCURRENT_VERSION_DAYS;
    if (noncurrent < 1) throw new Error(`${props.name}: noncurrentVersionExpireDays must be at least 1 (got ${noncurrent})`);
    this.bucket = new SpacesBucket(this, 'bucket', {
      name: props.name,
      region: props.region,
      acl: 'private',
      forceDestroy: false,
      versioning: { enabled: true },
      lifecycleRule: [
        {
          id: 'bounded-retention',
          enabled: true,
          abortIncompleteMultipartUploadDays: props.abortIncompleteUploadsAfterDays ?? 1,
          expiration: props.expireAfterDays ? { days: props.expireAfterDays } : undefined,
          noncurrentVersionExpiration: { days: noncurrent },
        },
        // Live customer data does not expire during the contract; at its end the application moves
        // the customer's objects under offboarding/, and this rule deletes them within 30 days (M18).
        ...(props.expireAfterDays ? [] : [{ id: 'offboarding', enabled: true, prefix: OFFBOARDING_PREFIX, expiration: { days: OFFBOARDING_DAYS } }]),
      ],
    });
  }
}
