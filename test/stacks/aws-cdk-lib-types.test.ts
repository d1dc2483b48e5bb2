/**
 * tsconfig.json maps the bare `aws-cdk-lib` to `aws-cdk-lib/core` for the
 * type check (it halves the files tsc parses). That is only sound while every
 * declaration file that imports the bare name imports names core declares; a
 * name core lacks would silently become `any` under skipLibCheck. This test
 * reads cdk-nag's declarations (the only dependency we type-check that imports
 * the barrel) and fails naming any such name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../node_modules');

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return declarationFiles(full);
    return e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Names imported from the bare 'aws-cdk-lib' ('*' for a namespace import). */
function barrelImports(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+["']aws-cdk-lib["']/g)) {
    const clause = m[2];
    if (/\*\s+as\s+/.test(clause)) names.push('*');
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces) for (const part of braces[1].split(',')) if (part.trim()) names.push(part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]);
  }
  return names;
}

const coreDeclarations = declarationFiles(path.join(root, 'aws-cdk-lib/core/lib'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const declaredInCore = (name: string) =>
  new RegExp(`export (declare )?(abstract )?(class|interface|type|enum|const|function|namespace) ${name}\\b`).test(coreDeclarations);

describe('the type-check mapping of aws-cdk-lib to aws-cdk-lib/core', () => {
  const imported = new Set(declarationFiles(path.join(root, 'cdk-nag/lib')).flatMap((file) => barrelImports(readFileSync(file, 'utf8'))));

  test('cdk-nag imports from the barrel at all (else the mapping is moot and can go)', () => {
    expect(imported.size).toBeGreaterThan(0);
  });

  test('every name cdk-nag imports from the barrel is declared in aws-cdk-lib/core', () => {
    expect([...imported].filter((name) => name === '*' || !declaredInCore(name))).toEqual([]);
  });

  test('the check itself can fail: a service-module name is not in core', () => {
    expect(declaredInCore('CfnBucket')).toBe(false);
    expect(declaredInCore('CfnResource')).toBe(true);
  });
});
