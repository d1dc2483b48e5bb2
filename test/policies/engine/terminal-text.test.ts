import { terminalSafe, terminalSafeJson, terminalSafeLines } from '../../../backup/terminal-text';

describe('terminal-safe text (issue 14 case 21)', () => {
  it('leaves ordinary text unchanged, including non-ASCII letters', () => {
    const plain = 'TOM-NET-02 module.db["eu-1"].digitalocean_firewall.ssh: port 22 open to 0.0.0.0/0 — Straße';
    expect(terminalSafe(plain)).toBe(plain);
  });

  it('escapes C0 and C1 controls, DEL, line separators and bidi controls as \\uXXXX', () => {
    expect(terminalSafe('a\u001b[31mb\nc\rd\te\u007ff\u009bg\u2028h\u2029i')).toBe(
      'a\\u001b[31mb\\u000ac\\u000dd\\u0009e\\u007ff\\u009bg\\u2028h\\u2029i',
    );
    expect(terminalSafe('x\u202ey\u2066z\u2069')).toBe('x\\u202ey\\u2066z\\u2069');
  });

  it('escapes the directional marks and the byte order mark too (the backup runner and the evidence collector print with the same function)', () => {
    expect(terminalSafe('a\u200eb\u200fc\ufeffd')).toBe('a\\u200eb\\u200fc\\ufeffd');
    expect(terminalSafeJson(JSON.stringify('a\u200e\ufeff'))).toBe('"a\\u200e\\ufeff"');
  });

  it('neutralises workflow commands at the start of a line (GitHub) and anywhere (Azure)', () => {
    expect(terminalSafe('::add-mask::secret')).toBe('\\u003a:add-mask::secret');
    expect(terminalSafe('   ::error::x')).toBe('   \\u003a:error::x');
    expect(terminalSafe('##[error]x')).toBe('\\u0023#[error]x');
    expect(terminalSafe('addr ##vso[task.setvariable variable=x]y')).toBe('addr \\u0023#vso[task.setvariable variable=x]y');
    expect(terminalSafe('a ::error:: in the middle')).toBe('a ::error:: in the middle');
  });

  it('cannot be made to start a new line by a value', () => {
    expect(terminalSafe('x\n::error::pwned').split('\n')).toHaveLength(1);
  });

  it('keeps the line breaks of multi-line text and makes each line safe', () => {
    expect(terminalSafeLines('ok\n::warning::x\n\u001b[2J')).toBe('ok\n\\u003a:warning::x\n\\u001b[2J');
  });

  it('keeps JSON the same JSON', () => {
    const value = { address: 'a\u0085b\u2028c\u202e', reason: '##vso[task.complete]done' };
    const json = terminalSafeJson(JSON.stringify(value, null, 2));
    expect(json).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e]|##vso/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
