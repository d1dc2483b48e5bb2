import type { CheckResult, InventoryResource } from '../../types';
import { fail } from '../../types';
import { isReference } from '../../values';
import { envVars, everyContainer, fromSecret } from './helpers/workload';

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

