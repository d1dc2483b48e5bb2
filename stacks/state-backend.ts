import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { KitConfig } from '../config/schema';

/**
 * Remote state on Spaces (S3-compatible) in an EU region: encrypted, with
 * Terraform's S3-native lock file. Credentials come from AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY (a Spaces key pair) at `terraform init`, never from
 * code. `TOM_STATE_BACKEND=local` (or `state.backend: local`) keeps state on
 * disk for experiments on a machine without credentials.
 */
export function configureStateBackend(stack: TerraformStack, stackName: string, state: KitConfig['state'], env: NodeJS.ProcessEnv): void {
  const kind = env.TOM_STATE_BACKEND === 'local' || env.TOM_STATE_BACKEND === 's3' ? env.TOM_STATE_BACKEND : state.backend;
  if (kind === 'local' || !state.bucket) {
    new LocalBackend(stack, { path: `terraform.${stackName}.tfstate` });
    return;
  }
  new S3Backend(stack, {
    bucket: state.bucket,
    key: `${stackName}/terraform.tfstate`,
    region: state.region,
    endpoints: { s3: `https://${state.region}.digitaloceanspaces.com` },
    encrypt: true,
    skipCredentialsValidation: true,
    skipRegionValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: true,
    skipS3Checksum: true,
  });
  // Terraform >= 1.10 locks with a lock object next to the state; cdktf 0.21 has no typed prop for it.
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
