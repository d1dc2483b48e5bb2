/**
 * CloudFormation YAML as CloudFormation reads it: the short-form tags
 * (`!Ref`, `!Sub`, `!GetAtt`, …) become the long form (`{ Ref: … }`,
 * `{ "Fn::Sub": … }`), so the evaluator sees one shape whatever was written.
 * Duplicate keys are refused (a YAML parser would keep one of them and hide
 * the other from the gate) and alias expansion is bounded (a "billion laughs"
 * document is an input error, not an out-of-memory).
 */
import { isNode, parseDocument, visit, YAMLMap, type Tags } from 'yaml';
import { InputError } from '../../errors';

/** Far more aliases than any template uses; enough to stop exponential expansion. */
export const MAX_YAML_ALIASES = 1000;

/**
 * Short-form tags (CloudFormation template reference, "Intrinsic function
 * reference") and the long-form key each stands for. `!GetAtt a.b` is kept as
 * the string form, which CloudFormation accepts in JSON too.
 */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  If: 'Fn::If',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
};

const toPlain = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;

/** One tag per short form and node kind (scalar, sequence, mapping). */
const CFN_TAGS: Tags = Object.entries(SHORT_FORMS).flatMap(([short, long]) => [
  { tag: `!${short}`, resolve: (value: string) => ({ [long]: value }) },
  { tag: `!${short}`, collection: 'seq' as const, resolve: (value: unknown) => ({ [long]: toPlain(value) }) },
  { tag: `!${short}`, collection: 'map' as const, resolve: (value: unknown) => ({ [long]: toPlain(value) }) },
]) as unknown as Tags;

/** A YAML document that is not YAML at all (folder readers may skip it as some other tool's file). */
export class YamlSyntaxError extends InputError {}

/**
 * Parses one CloudFormation YAML document. `label` names the file in errors,
 * which carry the line and column of the first problem.
 */
export function parseCloudFormationYaml(text: string, label: string): unknown {
  const doc = parseDocument(text, { customTags: CFN_TAGS, uniqueKeys: true, prettyErrors: true, strict: true });
  const first = doc.errors[0];
  if (first) {
    const at = first.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    const what = first.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    const error = first.code === 'DUPLICATE_KEY' ? InputError : YamlSyntaxError;
    throw new error(`${label}: not valid YAML${where} (${what}).`);
  }
  // A tag CloudFormation does not define would otherwise read as its plain
  // value: it becomes `{ "Fn::<Tag>": value }`, which the evaluator reports
  // as an unknown intrinsic instead of trusting the value under it.
  visit(doc, (_key, node) => {
    if (!isNode(node) || !node.tag?.startsWith('!') || SHORT_FORMS[node.tag.slice(1)] !== undefined) return undefined;
    const name = node.tag.slice(1);
    node.tag = undefined;
    const wrapper = new YAMLMap(doc.schema);
    wrapper.items.push(doc.createPair(`Fn::${name}`, node));
    return wrapper;
  });
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    throw new InputError(`${label}: ${(err as Error).message.split('\n')[0]} (at most ${MAX_YAML_ALIASES} alias expansions are read).`);
  }
}
