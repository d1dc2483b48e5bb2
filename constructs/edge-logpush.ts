import { LogpushJob } from '@cdktf/provider-cloudflare/lib/logpush-job';
import { Fn, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import type { EuRegion } from '../config/schema';
import { LOGPUSH_DATASETS } from '../data/cloudflare';
import { assertZoneId } from './cloudflare-zone-id';

/** The zone logs that show who requested what and what the WAF stopped (data/cloudflare.ts). */
export { LOGPUSH_DATASETS };

/** Terraform variables holding the Spaces key pair Logpush writes with (TF_VAR_… at deploy time). */
export const LOGPUSH_KEY_VARIABLES = {
  accessKeyId: 'logpush_spaces_access_key_id',
  secretAccessKey: 'logpush_spaces_secret_access_key',
} as const;

const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const PREFIX = /^[a-z0-9][a-z0-9/_-]*[a-z0-9]$/;

export interface EdgeLogpushProps {
  /** Cloudflare zone id of the domain. */
  readonly zoneId: string;
  /** Name prefix of the jobs, e.g. `acme-prod`. */
  readonly name: string;
  /** Spaces bucket the logs go to (it exists already, e.g. the environment's `logs` bucket). */
  readonly bucket: string;
  /** EU region of the bucket; written into the destination so the audit can see where logs land. */
  readonly region: EuRegion;
  /** Folder inside the bucket; each dataset gets its own sub-folder per day. @default 'cloudflare' */
  readonly prefix?: string;
}

/**
 * Cloudflare Logpush of the zone's HTTP requests and firewall events into an
 * EU Spaces bucket (S3-compatible destination): Cloudflare keeps these logs
 * only briefly, so without a push there is no record of attacks or access.
 *
 * The Spaces key pair never sits in code or config: it arrives as the
 * sensitive Terraform variables `logpush_spaces_access_key_id` and
 * `logpush_spaces_secret_access_key` (TF_VAR_… at deploy time), URL-encoded
 * into the destination. Use a key limited to this bucket.
 */
export class EdgeLogpush extends Construct {
  readonly jobs: LogpushJob[];

  constructor(scope: Construct, id: string, props: EdgeLogpushProps) {
    super(scope, id);
    const where = `EdgeLogpush ${id}`;
    assertZoneId(props.zoneId, where);
    if (!BUCKET.test(props.bucket)) throw new Error(`${where}: bucket "${props.bucket}" is not a Spaces bucket name (3-63 lower-case letters, digits and hyphens)`);
    const prefix = props.prefix ?? 'cloudflare';
    if (!PREFIX.test(prefix)) throw new Error(`${where}: prefix "${prefix}" is not a folder such as cloudflare or logs/edge (lower-case letters, digits, / _ -)`);

    const secret = (variableId: string, description: string): string => {
      const variable = new TerraformVariable(this, variableId, { type: 'string', sensitive: true, nullable: false, description });
      variable.overrideLogicalId(variableId);
      // Spaces secrets contain "/" and "+", which must not be read as URL syntax.
      return Fn.urlencode(variable.stringValue);
    };
    const keyId = secret(LOGPUSH_KEY_VARIABLES.accessKeyId, `Spaces access key id Cloudflare Logpush writes to ${props.bucket} with`);
    const secretKey = secret(LOGPUSH_KEY_VARIABLES.secretAccessKey, `Spaces secret access key Cloudflare Logpush writes to ${props.bucket} with`);

    const endpoint = `${props.region}.digitaloceanspaces.com`;
    this.jobs = LOGPUSH_DATASETS.map(
      (dataset) =>
        new LogpushJob(this, dataset, {
          zoneId: props.zoneId,
          name: `${props.name}-${dataset.replace(/_/g, '-')}`,
          dataset,
          enabled: true,
          // {DATE} is filled in by Cloudflare (YYYYMMDD), one folder per day.
          destinationConf: `s3://${props.bucket}/${prefix}/${dataset}/{DATE}?region=${props.region}&endpoint=${endpoint}&access-key-id=${keyId}&secret-access-key=${secretKey}`,
          outputOptions: { outputType: 'ndjson', timestampFormat: 'rfc3339' },
        }),
    );
  }
}
