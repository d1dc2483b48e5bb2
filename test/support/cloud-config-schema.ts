/**
 * Validating rendered cloud-init user-data without cloud-init installed:
 * against cloud-init's own published cloud-config JSON schema, vendored in
 * test/fixtures/vendor/cloud-init (version, source and licence in the README
 * there), in the schema's own draft (04). Where the `cloud-init`
 * command exists, `cloud-init schema` is run as well.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { jsonSchemaValidator } from './json-schema';

export const CLOUD_CONFIG_SCHEMA = {
  file: path.join(__dirname, '..', 'fixtures', 'vendor', 'cloud-init', 'schema-cloud-config-v1.json'),
  version: '22.4.2',
  sha256: '5b66b595fff85f4098f1cf1212e801e13b83026381155ef6df455247052272ef',
};

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const text = readFileSync(CLOUD_CONFIG_SCHEMA.file, 'utf8');
  const digest = createHash('sha256').update(text).digest('hex');
  if (digest !== CLOUD_CONFIG_SCHEMA.sha256) {
    throw new Error(`${CLOUD_CONFIG_SCHEMA.file} is not the vendored cloud-init ${CLOUD_CONFIG_SCHEMA.version} schema (SHA-256 ${digest}): when replacing it, update the version and SHA-256 here and in the README beside it.`);
  }
  // Not strict, like jsonschema's Draft4Validator that cloud-init uses: the
  // keywords only cloud-init's documentation reads (label, hidden,
  // prefixItems) and an additionalItems beside a single items schema are ignored.
  // cloud-init only warns about deprecated keys and forms; the kit's user-data
  // should use none, so here they are errors.
  compiled = jsonSchemaValidator(4, JSON.parse(text) as object, (ajv) =>
    ajv.addKeyword({ keyword: 'deprecated', schemaType: 'boolean', validate: (deprecated: boolean) => !deprecated }),
  );
  return compiled;
}

/**
 * What cloud-init's schema says is wrong with this user-data: [] when valid.
 * YAML is read as 1.1, as cloud-init's PyYAML does (`yes` is a boolean there).
 */
export function cloudConfigSchemaErrors(userData: string): string[] {
  if (!userData.startsWith('#cloud-config\n')) return ['user-data does not start with the "#cloud-config" line cloud-init needs to read it as cloud-config'];
  let doc: unknown;
  try {
    doc = parse(userData, { version: '1.1' });
  } catch (error) {
    return [`user-data is not YAML: ${(error as Error).message.split('\n')[0]}`];
  }
  const validate = validator();
  return validate(doc) ? [] : (validate.errors ?? []).map(describe);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath;
  const what = error.keyword === 'deprecated' ? 'uses a key or form cloud-init marks deprecated' : error.message;
  return `${where} ${what}${error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : ''}`;
}

export type CloudInitSchemaRun = { readonly installed: false } | { readonly installed: true; readonly valid: boolean; readonly output: string };

/** `cloud-init schema --config-file` on the user-data, where the command exists. */
export function runCloudInitSchema(userData: string): CloudInitSchemaRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tom-cloud-init-'));
  try {
    const file = path.join(dir, 'user-data.yaml');
    writeFileSync(file, userData);
    const run = spawnSync('cloud-init', ['schema', '--config-file', file], { encoding: 'utf8', timeout: 60_000 });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { installed: false };
    if (run.error) throw run.error;
    const output = `${run.stdout}${run.stderr}`;
    return { installed: true, valid: run.status === 0 && output.includes('Valid cloud-config'), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
