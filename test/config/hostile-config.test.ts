/**
 * Issue 14, configuration: hostile values are refused by the schema with one
 * line naming the field, the (escaped) value and what is allowed. The cases
 * are numbered as in the issue; siblings cover the rest of each class.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { renderHostIdsCloudConfig } from '../../constructs/host-ids-cloud-config';
import { renderFalcoRules } from '../../constructs/falco-rules';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../config/load';
import { httpsUrlProblem } from '../../config/url';
import { compiledArgs } from '../support/compiled';
import { example, problems } from './problems';


/** The problem lines for `field` (a path prefix such as environments[0].alerting.webhookUrl). */
function refusal(mutate: (cfg: any) => void, field: string): string {
  const found = problems(mutate);
  const line = found.find((p) => p.startsWith(`${field}: `));
  if (!line) throw new Error(`expected a problem for ${field}; got:\n${found.join('\n') || '(none: accepted)'}`);
  return line;
}

const setWebhook = (url: string) => (c: any) => (c.environments[0].alerting.webhookUrl = url);
const WEBHOOK = 'environments[0].alerting.webhookUrl';

describe('webhook URLs: one strict rule, shared by the schema and the constructs', () => {
  it("case 2: a quote in the webhook URL (x';id>/tmp/p;') is refused with the field, the value and what is allowed", () => {
    const line = refusal(setWebhook("https://alerts.example.eu/hooks/x';id>/tmp/p;'"), WEBHOOK);
    expect(line).toContain(`"https://alerts.example.eu/hooks/x';id>/tmp/p;'"`);
    expect(line).toContain(`contains the character "\'", which a URL for the kit may not hold (quotes, backslashes`);
  });

  it.each([
    ['$() command substitution', 'https://alerts.example.eu/$(id)'],
    ['backticks', 'https://alerts.example.eu/`id`'],
    ['double quote', 'https://alerts.example.eu/x"y'],
    ['backslash', 'https://alerts.example.eu/x\\y'],
    ['semicolon', 'https://alerts.example.eu/x;id'],
    ['space', 'https://alerts.example.eu/x y'],
    ['newline', 'https://alerts.example.eu/x\nTOM_HOST=evil'],
    ['tab', 'https://alerts.example.eu/x\ty'],
    ['NUL', 'https://alerts.example.eu/x\u0000y'],
    ['non-ASCII', 'https://alerts.example.eu/ü'],
    ['pipe and redirect', 'https://alerts.example.eu/x|sh>y'],
  ])('case 2 sibling: %s in the webhook URL is refused', (_name, url) => {
    expect(refusal(setWebhook(url), WEBHOOK)).toMatch(/contains the character /);
  });

  it('case 10: user info (https://user:pass@…) is refused, so no password reaches cdk.tf.json', () => {
    const line = refusal(setWebhook('https://user:s3cret@alerts.example.eu/hook'), WEBHOOK);
    expect(line).toMatch(/must not contain a user name or password/);
    // Named, never repeated: the error output lands in CI logs.
    expect(line).toContain('"https://user:***@alerts.example.eu/hook"');
    expect(line).not.toContain('s3cret');
  });

  it.each([
    ['user name only', 'https://user@alerts.example.eu/hook'],
    ['password only', 'https://:pw@alerts.example.eu/hook'],
    ['empty user info', 'https://@alerts.example.eu/hook'],
    ['user info with a port', 'https://u:p@alerts.example.eu:8443/hook'],
  ])('case 10 sibling: %s is refused', (_name, url) => {
    expect(refusal(setWebhook(url), WEBHOOK)).toMatch(/must not contain a user name or password/);
  });

  it.each([['token'], ['access_token'], ['api_key'], ['apikey'], ['key'], ['sig'], ['signature'], ['password'], ['secret'], ['auth']])(
    'case 10 sibling: a credential in the query (?%s=…) is refused',
    (param) => {
      const line = refusal(setWebhook(`https://alerts.example.eu/hook?${param}=abc123`), WEBHOOK);
      expect(line).toMatch(/must not carry a credential in its query/);
      expect(line).not.toContain('abc123');
    },
  );

  it('case 17: an upper-case HTTPS:// webhook is refused by the schema, with the field path', () => {
    expect(refusal(setWebhook('HTTPS://alerts.example.eu/hook'), WEBHOOK)).toMatch(/must start with lower-case "https:\/\/"/);
  });

  it.each([
    ['plain http', 'http://alerts.example.eu/hook'],
    ['upper-case host', 'https://Alerts.Example.EU/hook'],
    ['IP literal', 'https://192.0.2.1/hook'],
    ['no host', 'https:///hook'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['too long', `https://alerts.example.eu/${'a'.repeat(2100)}`],
  ])('case 17 sibling: %s is refused', (_name, url) => {
    refusal(setWebhook(url), WEBHOOK);
  });

  // The schema and the construct call the same rule: whatever one accepts, the other accepts.
  const admins = [{ name: 'alice', sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm0v1kZ8qJbV9bq2xJp6Vq9o0y3cXyWkQyq8T2nT4aB alice@acme' }];
  it.each([
    'https://alerts.example.eu/hook',
    'https://alerts.example.eu:8443/hooks/a-b_c.d~e?x=1&y=2#frag',
    'HTTPS://alerts.example.eu/hook',
    'Https://alerts.example.eu/hook',
    'https://user:pass@alerts.example.eu/hook',
    "https://alerts.example.eu/hooks/x';id>/tmp/p;'",
    'https://alerts.example.eu/hook?token=abc',
    'https://Alerts.example.eu/hook',
    'https://alerts.example.eu/%27',
  ])('case 17: schema and constructs agree on %s', (url) => {
    const schemaAccepts = problems(setWebhook(url)).length === 0;
    let hostIds = true;
    try {
      renderHostIdsCloudConfig({ hostname: 'acme-prod-bastion', alertWebhookUrl: url, admins });
    } catch (err) {
      hostIds = false;
      // Refused by the construct with the same sentence as the schema.
      expect((err as Error).message).toContain(httpsUrlProblem(url)!);
    }
    expect(hostIds).toBe(schemaAccepts);
    expect(httpsUrlProblem(url) === undefined).toBe(schemaAccepts);
  });

  it('the shipped webhook URLs pass the rule', () => {
    for (const env of example().environments) expect(httpsUrlProblem(env.alerting.webhookUrl)).toBeUndefined();
  });
});

describe('CIDRs: canonical spelling only, compared the way Terraform reads them', () => {
  it('case 7: 10.010.0.0/20 (octal to the kit, 10.10.0.0 to Terraform) is refused, naming both readings', () => {
    const line = refusal((c) => (c.environments[0].network.vpcCidr = '10.010.0.0/20'), 'environments[0].network.vpcCidr');
    expect(line).toContain('"10.010.0.0/20" is not canonical dotted-decimal IPv4');
    expect(line).toContain("the kit's parser reads it as 10.8.0.0/20, Terraform as 10.10.0.0/20");
  });

  it('case 7: staging 10.010.0.0/20 can no longer hide an overlap with prod 10.10.0.0/20', () => {
    const found = problems((c) => (c.environments[0].network.vpcCidr = '10.010.0.0/20'));
    expect(found.length).toBeGreaterThan(0);
    // Spelled canonically, the overlap is found.
    expect(problems((c) => (c.environments[0].network.vpcCidr = '10.10.0.0/20'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^environments\[1\]\.network\.vpcCidr: "10\.10\.0\.0\/20" overlaps 10\.10\.0\.0\/20 of environment "staging"/)]),
    );
  });

  it.each([
    ['hex', 'network.vpcCidr', '0xa.20.0.0/20'],
    ['integer', 'network.vpcCidr', '169082880/20'],
    ['leading zero in the last part', 'network.vpcCidr', '10.20.0.00/20'],
    ['leading zero in the prefix', 'network.vpcCidr', '10.20.0.0/020'],
    ['octal admin CIDR', 'network.adminCidrs[0]', '0310.51.100.0/28'],
    ['hex admin CIDR', 'network.adminCidrs[0]', '0xc6.51.100.0/28'],
    ['three-part admin CIDR', 'network.adminCidrs[0]', '198.51.100/24'],
    ['octal egress CIDR', 'ids.egressAllowCidrs[0]', '192.0.02.0/24'],
    ['upper-case IPv6 admin CIDR', 'network.adminCidrs[0]', '2001:DB8::/48'],
    ['uncompressed IPv6', 'network.adminCidrs[0]', '2001:0db8:0000:0000:0000:0000:0000:0000/48'],
    ['IPv6 with a zone', 'network.adminCidrs[0]', 'fe80::%eth0/64'],
    ['trailing space', 'network.adminCidrs[0]', '198.51.100.0/28 '],
  ])('case 7 sibling: %s (%s: %s) is refused', (_name, field, value) => {
    const line = refusal((c) => {
      const [obj, key] = field.split('.');
      const k = key.replace(/\[0\]$/, '');
      if (key.endsWith('[0]')) {
        c.environments[0][obj] ??= {};
        c.environments[0][obj][k] = [value];
      } else c.environments[0][obj][k] = value;
    }, `environments[0].${field}`);
    expect(line).toMatch(/not canonical|must be a CIDR in canonical form/);
  });

  it('case 7: a VPC range with host bits set is refused with the canonical network', () => {
    const line = refusal((c) => (c.environments[0].network.vpcCidr = '10.20.0.1/20'), 'environments[0].network.vpcCidr');
    expect(line).toContain('has host bits set: the network is 10.20.0.0/20; write 10.20.0.0/20');
  });

  it.each([
    ['IPv4 admin', '198.51.100.5/28', '198.51.100.0/28'],
    ['IPv6 admin', '2001:db8::1/48', '2001:db8::/48'],
  ])('case 7 sibling: host bits in an %s CIDR are refused with the canonical form', (_name, value, network) => {
    const line = refusal((c) => (c.environments[0].network.adminCidrs = [value]), 'environments[0].network.adminCidrs[0]');
    expect(line).toContain(`the network is ${network}`);
  });

  it('canonical IPv4 and IPv6 ranges are accepted everywhere', () => {
    expect(
      problems((c) => {
        c.environments[0].network.adminCidrs = ['198.51.100.0/28', '2001:db8::/48', '2a01:4f8::/32', '203.0.113.7/32'];
        c.environments[0].ids = { egressAllowCidrs: ['192.0.2.0/24', '2001:db8:1::/48', '10.0.0.0/8'] };
      }),
    ).toEqual([]);
  });
});

describe('world-wide ranges in any spelling are refused like 0.0.0.0/0', () => {
  const ADMIN = 'environments[0].network.adminCidrs[0]';
  it('case 8: ::ffff:0.0.0.0/96 (all of IPv4 in IPv6 notation) is refused as an admin CIDR', () => {
    const line = refusal((c) => (c.environments[0].network.adminCidrs = ['::ffff:0.0.0.0/96']), ADMIN);
    expect(line).toMatch(/must not be the whole internet in another spelling: it overlaps ::ffff:0:0\/96, the IPv4-mapped range/);
  });

  it.each([
    ['::/0', /must not be the whole internet \(0\.0\.0\.0\/0 or ::\/0\)/],
    ['::ffff:0:0/96', /IPv4-mapped/],
    ['::ffff:203.0.113.0/120', /IPv4-mapped/],
    ['::/96', /IPv4-compatible/],
    ['::ffff:0:0:0/96', /IPv4-translated/],
    ['64:ff9b::/96', /NAT64/],
    ['64:ff9b:1::/48', /local-use NAT64/],
    ['2002::/16', /6to4/],
    ['2001::/32', /Teredo/],
    ['::/64', /overlaps/],
    ['2000::/3', /must not be the whole internet/],
    ['2a00::/12', /a \/12 is too wide/],
    ['0.0.0.0/1', /a \/1 is too wide/],
    ['128.0.0.0/1', /a \/1 is too wide/],
    ['0.0.0.0/7', /a \/7 is too wide/],
    ['64.0.0.0/2', /a \/2 is too wide/],
  ])('case 8 sibling: admin CIDR %s is refused', (value, expected) => {
    expect(refusal((c) => (c.environments[0].network.adminCidrs = [value]), ADMIN)).toMatch(expected);
  });

  it('case 8 sibling: 0.0.0.0/1 + 128.0.0.0/1 split into /8 networks is refused as a list', () => {
    const line = refusal((c) => (c.environments[0].network.adminCidrs = ['11.0.0.0/8', '12.0.0.0/8', '13.0.0.0/8']), 'environments[0].network.adminCidrs');
    expect(line).toMatch(/must not add up to a large part of the internet: together they cover 50331648 IPv4 addresses/);
  });

  it('case 9: ids.egressAllowCidrs [0.0.0.0/0, ::/0] is refused (it would silence the Falco outbound alert)', () => {
    const found = problems((c) => (c.environments[1].ids = { egressAllowCidrs: ['0.0.0.0/0', '::/0'] }));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^environments\[1\]\.ids\.egressAllowCidrs\[0\]: "0\.0\.0\.0\/0" must not be the whole internet .*silence the outbound-connection alert/),
        expect.stringMatching(/^environments\[1\]\.ids\.egressAllowCidrs\[1\]: "::\/0" must not be the whole internet/),
      ]),
    );
  });

  it.each([['::ffff:0:0/96'], ['0.0.0.0/1'], ['2002::/16'], ['64:ff9b::/96']])('case 9 sibling: egress allow-list entry %s is refused', (value) => {
    refusal((c) => (c.environments[1].ids = { egressAllowCidrs: [value] }), 'environments[1].ids.egressAllowCidrs[0]');
  });

  it('case 9 sibling: the Falco rules renderer refuses a world-wide or non-canonical range given in code', () => {
    expect(() => renderFalcoRules({ allowedEgressCidrs: ['10.10.0.0/20', '0.0.0.0/0'] })).toThrow(/allowedEgressCidrs\[1\] "0\.0\.0\.0\/0" must not be the whole internet/);
    expect(() => renderFalcoRules({ allowedEgressCidrs: ['::ffff:0:0/96'] })).toThrow(/IPv4-mapped/);
    expect(() => renderFalcoRules({ allowedEgressCidrs: ['10.10.0.0/20", "0.0.0.0/0'] })).toThrow(/must be a CIDR/);
    expect(renderFalcoRules({ allowedEgressCidrs: ['10.10.0.0/20', '192.0.2.0/24'] })).toContain('fd.snet in ("10.10.0.0/20", "192.0.2.0/24")');
  });
});

describe('how values appear in messages', () => {
  it('case 23: .nan, .inf and -.inf are shown as YAML writes them, not as null', () => {
    const found = problems((c) => {
      c.environments[0].backup.retentionDays = NaN;
      c.environments[0].kubernetes.minNodes = Infinity;
      c.environments[0].kubernetes.maxNodes = -Infinity;
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'environments[0].backup.retentionDays: .nan (not a number) is not allowed (a finite number is expected)',
        'environments[0].kubernetes.minNodes: .inf (infinity) is not allowed (a finite number is expected)',
        'environments[0].kubernetes.maxNodes: -.inf (minus infinity) is not allowed (a finite number is expected)',
      ]),
    );
    expect(found.join('\n')).not.toContain('null');
  });

  it.each([
    ['escape (terminal control)', '\u001b[2J', '\\u001b[2J'],
    ['newline', 'a\nb', 'a\\u000ab'],
    ['carriage return', 'a\rb', 'a\\u000db'],
    ['right-to-left override', 'a\u202eb', 'a\\u202eb'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['DEL', 'a\u007fb', 'a\\u007fb'],
  ])('case 23 sibling: a %s in a value is shown as \\uXXXX, never raw', (_name, raw, escaped) => {
    const line = refusal(setWebhook(`https://alerts.example.eu/${raw}`), WEBHOOK);
    expect(line).toContain(`"https://alerts.example.eu/${escaped}"`);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f\u2028\u202e]/);
  });

  it('case 23 sibling: an unknown key with control characters is shown escaped', () => {
    const found = problems((c) => (c.environments[0]['evil\u001b[2Jkey'] = 1));
    expect(found.join('\n')).toContain('unknown key "evil\\u001b[2Jkey"');
    expect(found.join('\n')).not.toMatch(/\u001b/);
  });
});

describe('hostile files: named, explained, exit 2, nothing written', () => {
  const root = resolve(__dirname, '../..');
  const work = mkdtempSync(join(tmpdir(), 'tom-hostile-config-'));
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]', ''].join('\n');

  /** Runs main.ts as `npm run synth` does, with its output folders inside a run folder that must stay absent. */
  function synth(file: string) {
    const run = join(work, `run-${Math.random().toString(36).slice(2)}`);
    const res = spawnSync(process.execPath, compiledArgs('main.ts', '--config', file), {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: join(run, 'cdktf.out'), TOM_CDK_OUTDIR: join(run, 'cdk.out'), TOM_REPORTS_DIR: join(run, 'reports'), TOM_CONFIG: '' },
      encoding: 'utf8',
    });
    return { ...res, run };
  }

  it('case 23: a YAML alias bomb is named with its file and explained, not "synth failed: Excessive alias count"', () => {
    const file = join(work, 'bomb.yaml');
    writeFileSync(file, bomb);
    expect(() => loadConfig(file)).toThrow(ConfigError);
    expect(() => loadConfig(file)).toThrow(/bomb\.yaml:\n  - YAML aliases \(\*name\) expand to too many values \(more than 100\): the file looks like an alias bomb/);
  });

  it('case 23 sibling: a few ordinary aliases (anchors for repeated blocks) still load', () => {
    const file = join(work, 'anchors.yaml');
    const text = readFileSync(DEFAULT_CONFIG, 'utf8').replace('      adminCidrs:\n        - 198.51.100.0/28      # office', '      adminCidrs: &admins\n        - 198.51.100.0/28      # office');
    writeFileSync(file, text.replace(/(secondaryVpcCidr: 10\.11\.0\.0\/20\n\s+adminCidrs:)\n\s+- 198\.51\.100\.0\/28\n\s+- 203\.0\.113\.16\/29/, '$1 *admins'));
    expect(loadConfig(file).environments[1].network.adminCidrs).toEqual(['198.51.100.0/28', '203.0.113.16/29']);
  });

  it('case 23: the alias bomb through main.ts exits 2, names the file, no stack trace, nothing written', () => {
    const file = join(work, 'bomb-main.yaml');
    writeFileSync(file, bomb);
    const res = synth(file);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('bomb-main.yaml');
    expect(res.stderr).toMatch(/alias bomb/);
    expect(res.stderr).not.toMatch(/synth failed|\n\s+at /);
    expect(existsSync(res.run)).toBe(false);
  });

  it('case 2: the quoted webhook URL through main.ts exits 2 with the field path, no stack trace, nothing written', () => {
    const cfg = example();
    cfg.environments[1].alerting.webhookUrl = "https://alerts.example.eu/hooks/x';id>/tmp/p;'";
    cfg.environments[0].alerting.webhookUrl = 'HTTPS://alerts.example.eu/hook\u001b[2J';
    const file = join(work, 'quote.yaml');
    writeFileSync(file, stringify(cfg));
    const res = synth(file);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(`environments[1].alerting.webhookUrl: "https://alerts.example.eu/hooks/x';id>/tmp/p;'" contains the character "'"`);
    expect(res.stderr).toContain('environments[0].alerting.webhookUrl: "HTTPS://alerts.example.eu/hook\\u001b[2J" must start with lower-case "https://"');
    expect(res.stderr).not.toMatch(/\u001b/);
    expect(res.stderr).not.toMatch(/synth failed|\n\s+at /);
    expect(existsSync(res.run)).toBe(false);
  });

  it('case 23 sibling: a file name with control characters is shown escaped', () => {
    expect(() => loadConfig(join(work, 'missing\u001b[2J.yaml'))).toThrow(/missing\\u001b\[2J\.yaml:\n  - file not found/);
  });

  it('case 23 sibling: a YAML tag the kit does not know (!!js/function) is refused, not evaluated', () => {
    const file = join(work, 'tag.yaml');
    // Without the tag check this loads: the unknown tag is dropped and "acme" is a valid project name.
    writeFileSync(file, readFileSync(DEFAULT_CONFIG, 'utf8').replace('project: acme', 'project: !!js/function acme'));
    expect(() => loadConfig(file)).toThrow(/tag\.yaml:\n  - YAML not accepted at line 8, column 10: Unresolved tag: tag:yaml\.org,2002:js\/function \(the config is plain YAML: remove the tag\)$/);
  });
});
