/**
 * Issue 14 case 2, the second line of defence: whatever a value holds, the
 * env file the bastion sources as root assigns it byte for byte and runs
 * nothing. Checked by really sourcing the rendered files with bash and sh.
 * The renderers are called directly, because the schema (and the cloud-config
 * renderer) already refuse these values.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderAlertEnv, renderHostIdsCloudConfig } from '../../constructs/host-ids-cloud-config';
import { renderShellEnv, shellQuote } from '../../constructs/shell-env';

const MARKER = 'pwned';

/** Values that would run `touch pwned` (in the working directory) if pasted into a shell unquoted or between quotes. */
const HOSTILE: ReadonlyArray<[string, string]> = [
  ['case 2 payload', `https://alerts.example.eu/hooks/x';touch ${MARKER};'`],
  ['single quote alone', "'"],
  ['escaped-quote idiom', "'\\''"],
  ['$() substitution', `$(touch ${MARKER})`],
  ['$() inside double quotes', `"$(touch ${MARKER})"`],
  ['backticks', `\`touch ${MARKER}\``],
  ['semicolon', `x; touch ${MARKER}`],
  ['newline then a command', `x\ntouch ${MARKER}\n`],
  ['newline then an assignment', 'x\nTOM_HOST=evil'],
  ['carriage return', `x\rtouch ${MARKER}`],
  ['variable expansion', '$HOME ${PATH} $0 $$'],
  ['glob and tilde', '* ~ ?[a]'],
  ['history expansion', '!! !$'],
  ['backslash at the end', 'x\\'],
  ['double quote', '"'],
  ['&& and |', `x && touch ${MARKER} | cat`],
  ['option-looking value', '-e'],
  ['empty', ''],
  ['non-ASCII and control', 'ü€\u0001\u001b[2J\t'],
  ['trailing newlines', 'x\n\n'],
];

const dir = mkdtempSync(join(tmpdir(), 'tom-shell-env-'));
let n = 0;

/**
 * Sources `content` with `shell` in a fresh directory; returns each named
 * variable's value (printed NUL-separated: no shell variable holds a NUL) and
 * whether anything ran.
 */
function sourceAll(shell: 'bash' | 'sh', content: string, variables: readonly string[]): { values: Buffer[]; ran: boolean; status: number | null; stderr: string } {
  const cwd = join(dir, `run-${n++}`);
  mkdirSync(cwd);
  writeFileSync(join(cwd, 'alert.env'), content);
  // --norc: bash reads ~/.bashrc even with -c when it thinks it runs under sshd; only the file under test may run.
  const flags = shell === 'bash' ? ['--norc', '--noprofile'] : [];
  const print = `printf '${variables.map(() => '%s').join('\\0')}' ${variables.map((v) => `"$${v}"`).join(' ')}`;
  const res = spawnSync(shell, [...flags, '-c', `. ./alert.env; ${print}`], { cwd, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
  const values: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= res.stdout.length; i++) {
    if (i === res.stdout.length || res.stdout[i] === 0) {
      values.push(res.stdout.subarray(start, i));
      start = i + 1;
    }
  }
  return { values, ran: existsSync(join(cwd, MARKER)), status: res.status, stderr: res.stderr.toString() };
}

/** `sourceAll` for one variable. */
function source(shell: 'bash' | 'sh', content: string, variable: string): { value: Buffer; ran: boolean; status: number | null; stderr: string } {
  const { values, ...rest } = sourceAll(shell, content, [variable]);
  return { value: values[0], ...rest };
}

describe('alert.env: every value survives sourcing byte for byte and runs nothing', () => {
  it.each(HOSTILE)('case 2: %s as the webhook URL, sourced with bash', (_name, value) => {
    const run = source('bash', renderAlertEnv('acme-prod-bastion', value), 'TOM_ALERT_WEBHOOK');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.value.equals(Buffer.from(value))).toBe(true);
    expect(run.ran).toBe(false);
  });

  it.each(HOSTILE)('case 2 sibling: %s as the webhook URL, sourced with sh (tom-alert is #!/bin/sh)', (_name, value) => {
    const run = source('sh', renderAlertEnv('acme-prod-bastion', value), 'TOM_ALERT_WEBHOOK');
    expect(run.value.equals(Buffer.from(value))).toBe(true);
    expect(run.ran).toBe(false);
  });

  it.each(HOSTILE)('case 2 sibling: %s as the host name, sourced with bash', (_name, value) => {
    const run = sourceAll('bash', renderAlertEnv(value, 'https://alerts.example.eu/hook'), ['TOM_HOST', 'TOM_ALERT_WEBHOOK']);
    expect(run).toMatchObject({ ran: false, status: 0 });
    expect(run.values).toHaveLength(2);
    expect(run.values[0].equals(Buffer.from(value))).toBe(true);
    // The second variable is not disturbed by whatever the first held.
    expect(run.values[1].toString()).toBe('https://alerts.example.eu/hook');
  });

  it('a value with a NUL byte (which no shell variable can hold) is refused, not truncated', () => {
    expect(() => shellQuote('a\u0000b')).toThrow(/NUL/);
  });

  it('a variable name that is not a plain shell name is refused', () => {
    expect(() => renderShellEnv({ 'X;id': 'v' })).toThrow(/upper-case letters, digits and _/);
    expect(() => renderShellEnv({ 'X\nY': 'v' })).toThrow(/upper-case letters, digits and _/);
  });
});

describe('the rendered cloud-config: config values reach shell only through the quoted env file', () => {
  const admins = [{ name: 'alice', sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm0v1kZ8qJbV9bq2xJp6Vq9o0y3cXyWkQyq8T2nT4aB alice@acme' }];
  // The strictest URL the rule still accepts: every shell-meaningful character it allows.
  const url = 'https://alerts.example.eu:8443/h/a-b_c.d~e!*+,=%27?x=1&y=*#f';
  const doc = parse(renderHostIdsCloudConfig({ hostname: 'acme-prod-bastion', alertWebhookUrl: url, admins }));
  const file = (path: string): string => doc.write_files.find((f: any) => f.path === path).content;

  it('case 2: the alert.env in the user data is the quoted rendering, and sources to the exact URL', () => {
    expect(file('/etc/tom-kit/alert.env')).toBe(renderAlertEnv('acme-prod-bastion', url));
    const run = source('bash', file('/etc/tom-kit/alert.env'), 'TOM_ALERT_WEBHOOK');
    expect(run.value.toString()).toBe(url);
    expect(run.ran).toBe(false);
  });

  it('case 2 sibling: no other written file or command holds the URL or the host name (nothing else interpolates config)', () => {
    const others = doc.write_files.filter((f: any) => f.path !== '/etc/tom-kit/alert.env').map((f: any) => f.content as string);
    for (const content of [...others, ...doc.runcmd.flat()]) {
      expect(content).not.toContain('alerts.example.eu');
      expect(content).not.toContain('acme-prod-bastion');
    }
  });

  it('case 2 sibling: tom-alert passes the sourced URL to curl as one argument, unchanged', () => {
    const work = mkdtempSync(join(tmpdir(), 'tom-alert-'));
    const bin = join(work, 'bin');
    mkdirSync(bin);
    const hostile = `https://alerts.example.eu/x';touch ${MARKER};' $(touch ${MARKER}) \`touch ${MARKER}\``;
    writeFileSync(join(work, 'alert.env'), renderAlertEnv('acme-prod-bastion', hostile));
    // Stubs: jq prints a fixed body, curl records its last argument.
    writeFileSync(join(bin, 'jq'), '#!/bin/sh\necho "{}"\n');
    writeFileSync(join(bin, 'curl'), `#!/bin/sh\nfor a; do last="$a"; done\nprintf %s "$last" > "${join(work, 'curl-url')}"\n`);
    writeFileSync(join(bin, 'logger'), '#!/bin/sh\nexit 0\n');
    for (const f of readdirSync(bin)) chmodSync(join(bin, f), 0o755);
    const script = file('/usr/local/sbin/tom-alert').replace('/etc/tom-kit/alert.env', join(work, 'alert.env'));
    writeFileSync(join(work, 'tom-alert'), script);
    const res = spawnSync('sh', [join(work, 'tom-alert'), 'test', 'hello'], { cwd: work, env: { PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(readFileSync(join(work, 'curl-url'), 'utf8')).toBe(hostile);
    expect(existsSync(join(work, MARKER))).toBe(false);
  });

  it.each([
    ['host name with a newline', { hostname: 'acme\nruncmd: [id]' }, /hostname "acme\\u000aruncmd: \[id\]" must be a host name/],
    ['admin name with a space', { admins: [{ ...admins[0], name: 'alice bob' }] }, /admins\[0\]\.name "alice bob" must be a Unix user name/],
    ['admin name with a newline', { admins: [{ ...admins[0], name: 'alice\nPermitRootLogin yes' }] }, /admins\[0\]\.name .* must be a Unix user name/],
    ['SSH key spanning two lines', { admins: [{ ...admins[0], sshPublicKey: `${admins[0].sshPublicKey}\ncommand="id" ssh-ed25519 AAAA` }] }, /one line without control characters/],
    ['fail2ban retries that are not a whole number', { maxSshRetries: 1.5 }, /maxSshRetries must be a positive whole number/],
  ])('case 2 sibling: the renderer refuses a %s (it would reach sshd_config, YAML or fail2ban as written)', (_name, override, expected) => {
    expect(() => renderHostIdsCloudConfig({ hostname: 'acme-prod-bastion', alertWebhookUrl: 'https://alerts.example.eu/hook', admins, ...override })).toThrow(expected);
  });
});
