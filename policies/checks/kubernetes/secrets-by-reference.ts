import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail } from '../../types';
import { isReference } from '../../values';
import { envVars, everyContainer, fromSecret, WORKLOAD_TYPES } from './helpers/workload';

/** Env names that carry credentials: …PASSWORD, …SECRET…, …TOKEN…, …CREDENTIAL…, …IDENTITY…, names ending in KEY or KEY_ID. */
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|IDENTITY|KEY(?:_ID)?$/i;
/** Public values or paths that only look like secrets by name: age recipients (public keys), `…_FILE`/`…_PATH` paths. */
const PUBLIC_NAME = /_RECIPIENTS?$|_(?:FILE|PATH|DIR)$/i;
/** Literal values that are private keys whatever the env name. */
const PRIVATE_KEY_VALUE = /AGE-SECRET-KEY-1|-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/**
 * Credentials reach containers only by reference to a Kubernetes Secret:
 * every env var whose name says it is a credential (PASSWORD, SECRET, TOKEN,
 * CREDENTIAL, IDENTITY, …KEY, …KEY_ID; except *_RECIPIENTS public keys and
 * *_FILE/_PATH/_DIR paths) takes `value_from.secret_key_ref`, never a literal,
 * a Terraform interpolation (which lands in the pod spec and the state) or a
 * ConfigMap; and no env value holds a private key.
 */
export function secretsByReference(resource: InventoryResource): CheckResult {
  return everyContainer(
    resource,
    (c) => {
      for (const env of envVars(c)) {
        if (typeof env.value === 'string' && PRIVATE_KEY_VALUE.test(env.value)) {
          return fail(`env ${env.name} of container "${c.name}" holds a private key in clear`, `${env.path}.value`);
        }
        if (!SECRET_NAME.test(env.name) || PUBLIC_NAME.test(env.name) || fromSecret(env)) continue;
        if (env.valueFrom) {
          const source = Object.keys(env.valueFrom)[0] ?? 'value_from';
          return fail(`env ${env.name} of container "${c.name}" comes from ${source}, not a Secret (value_from.secret_key_ref)`, `${env.path}.value_from`);
        }
        if (typeof env.value === 'string' && env.value !== '') {
          const what = isReference(env.value) ? 'a Terraform interpolation (the secret lands in the pod spec and the state)' : 'a literal value';
          return fail(`env ${env.name} of container "${c.name}" is ${what}; required: value_from.secret_key_ref`, `${env.path}.value`);
        }
      }
      return undefined;
    },
    'credentials only from Secrets',
  );
}

export const control: ResourceControl = {
  id: 'TOM-K8S-06',
  title: 'Credentials reach containers only from Secrets',
  severity: 'critical',
  iso27001_2022: ['A.5.17', 'A.8.28'],
  iso27001_2013: ['A.9.2.4', 'A.9.3.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M15'],
  measure: 'Credentials are kept strictly apart from code: workloads get them from Kubernetes Secrets, never from the infrastructure code.',
  equivalents: ['core_no_secrets_envs'],
  rationale:
    'A password written into the job spec (literally or through a Terraform variable) ends up in the repository or the state file and in every "kubectl get -o yaml". The backup job\'s PGPASSWORD and S3 keys are the obvious cases; the age recipients are public keys and are exempt. Mapped to A.5.17 and A.8.28 (secrets by reference is a secure-coding rule), not to A.8.4, which is about access to source code.',
  remediation:
    'Create the Secret out of band (or from a sealed/external secret) and reference it: env { name = "PGPASSWORD", value_from { secret_key_ref { name = "db-backup", key = "password" } } }.',
  area: 'kubernetes',
  scope: 'resource',
  appliesTo: WORKLOAD_TYPES,
  check: secretsByReference,
};
