/**
 * JSON Schema validators for the tests, in the schema's own draft: SARIF
 * 2.1.0 and cloud-init's cloud-config are draft 04, NIST's OSCAL is draft 07.
 * Not strict (the vendored schemas carry keywords only their documentation
 * reads), every error reported, formats checked.
 */
import Ajv07, { type ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** `setup` adds keywords before the schema is compiled. */
export function jsonSchemaValidator(draft: 4 | 7, schema: object, setup?: (ajv: Ajv07) => void): ValidateFunction {
  // optimize: false skips ajv's passes over its generated code: the same checks, compiled in about half the time.
  const options = { allErrors: true, strict: false, code: { optimize: false } };
  const ajv = draft === 4 ? new Ajv04(options) : new Ajv07(options);
  addFormats(ajv);
  setup?.(ajv);
  return ajv.compile(schema);
}

/** The official SARIF 2.1.0 schema (OASIS). */
export const sarifValidator = (): ValidateFunction =>
  jsonSchemaValidator(4, JSON.parse(readFileSync(join(FIXTURES, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object);

/** NIST's official OSCAL 1.1.2 assessment-results schema, vendored with its provenance. */
export const oscalAssessmentResultsValidator = (): ValidateFunction =>
  jsonSchemaValidator(7, JSON.parse(readFileSync(join(FIXTURES, 'vendor', 'oscal', 'oscal_assessment-results_schema.json'), 'utf8')) as object);
