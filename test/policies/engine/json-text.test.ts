import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../policies/errors';
import { readInventory } from '../../../policies/inventory';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJsonText } from '../../../policies/readers/json-text';

describe('strict JSON input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'json-text-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('issue 14 case 1: two top-level "resource" keys are refused, naming both places, not audited as the last one', () => {
    const file = join(dir, 'cdk.tf.json');
    writeFileSync(
      file,
      [
        '{',
        '  "resource": { "digitalocean_firewall": { "ssh": { "name": "ssh", "inbound_rule": [{ "protocol": "tcp", "port_range": "22", "source_addresses": ["0.0.0.0/0"] }] } },',
        '                "digitalocean_spaces_bucket": { "b": { "name": "b", "region": "nyc3", "acl": "public-read" } } },',
        '  "resource": { "digitalocean_vpc": { "main": { "name": "main", "region": "fra1", "ip_range": "10.10.0.0/20" } } }',
        '}',
      ].join('\n'),
    );
    expect(() => readInventory([file])).toThrow(InputError);
    expect(() => readInventory([file])).toThrow(/duplicate key "resource" at line 4, column 3 \(first at line 2, column 3\)/);
  });

  it('refuses a duplicate key at any depth (a sibling of case 1)', () => {
    expect(() => parseJsonText('{"a":{"b":[{"c":1,"d":2,"c":3}]}}', 'x.json')).toThrow(/duplicate key "c"/);
    // The same key in sibling objects is not a duplicate.
    expect(parseJsonText('{"a":{"c":1},"b":{"c":2}}', 'x.json')).toEqual({ a: { c: 1 }, b: { c: 2 } });
  });

  it('tells duplicates from colons inside strings, escaped quotes and __proto__ keys (the member count it checks first)', () => {
    const text = '{"a:b":"c:d","e\\":":{"__proto__":{"x":"\\"y:"}},"f":[{"g":1},{"g":2}]}';
    expect(parseJsonText(text, 'x.json')).toEqual(JSON.parse(text));
    expect(() => parseJsonText('{"a:b":1,"x":{"__proto__":1,"__proto__":2}}', 'x.json')).toThrow(/duplicate key "__proto__"/);
  });

  it('shows a hostile key escaped, never raw control characters', () => {
    expect(() => parseJsonText('{"\\u001b[31m":1,"\\u001b[31m":2}', 'x.json')).toThrow(/duplicate key "\\u001b\[31m"/);
  });

  it(`issue 14 case 12: nesting 3,000 deep is an input error, not a stack overflow (limit ${MAX_JSON_DEPTH})`, () => {
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    expect(() => parseJsonText(deep, 'deep.json')).toThrow(InputError);
    expect(() => parseJsonText(deep, 'deep.json')).toThrow(/nested more than 256 levels deep at line 1, column 257/);
    const objects = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    expect(() => parseJsonText(objects, 'deep.json')).toThrow(/nested more than/);
    // Brackets inside strings do not count.
    expect(parseJsonText(JSON.stringify({ s: '['.repeat(3000) }), 'x.json')).toEqual({ s: '['.repeat(3000) });
  });

  it('reports a syntax error with line and column as a JsonSyntaxError', () => {
    expect(() => parseJsonText('{\n  "a": 1,\n}', 'bad.json')).toThrow(JsonSyntaxError);
    expect(() => parseJsonText('{\n  "a": 1,\n}', 'bad.json')).toThrow(/bad.json: not valid JSON \(.* at line 3, column 1\)/);
  });
});
