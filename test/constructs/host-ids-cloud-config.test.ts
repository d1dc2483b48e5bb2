import { parse, stringify } from 'yaml';
import { renderHostIdsCloudConfig } from '../../constructs/host-ids-cloud-config';
import { cloudConfigSchemaErrors, runCloudInitSchema } from '../support/cloud-config-schema';

const props = {
  hostname: 'acme-prod-bastion',
  alertWebhookUrl: 'https://alerts.acme-app.eu/hooks/prod',
  admins: [
    { name: 'alice', sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm0v1kZ8qJbV9bq2xJp6Vq9o0y3cXyWkQyq8T2nT4aB alice@acme' },
    { name: 'bob', sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIN3d1j7mJ4sQpU2r0Kc8xZbFq5wT9yHnL6vE1aG7oPcR bob@acme' },
  ],
};
const text = renderHostIdsCloudConfig(props);
const doc = parse(text);
const file = (path: string): string => doc.write_files.find((f: any) => f.path === path)?.content ?? '';
/** The user-data with one change made to a fresh copy of its document. */
const edit = (change: (d: any) => unknown): string => {
  const copy = parse(text);
  change(copy);
  return `#cloud-config\n${stringify(copy)}`;
};

describe('host IDS cloud-config', () => {
  it('is a readable #cloud-config document, not gzip or base64', () => {
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(doc.write_files.every((f: any) => f.encoding === undefined)).toBe(true);
  });

  it('installs the host IDS, brute-force protection, audit and patching packages', () => {
    expect(doc.packages).toEqual(expect.arrayContaining(['aide', 'rkhunter', 'fail2ban', 'auditd', 'unattended-upgrades']));
    expect(file('/etc/apt/apt.conf.d/20auto-upgrades')).toContain('APT::Periodic::Unattended-Upgrade "1";');
  });

  it('allows only key-based logins to personal accounts, never root or passwords', () => {
    expect(doc.disable_root).toBe(true);
    expect(doc.ssh_pwauth).toBe(false);
    const sshd = file('/etc/ssh/sshd_config.d/10-tom-hardening.conf');
    expect(sshd).toMatch(/^PasswordAuthentication no$/m);
    expect(sshd).toMatch(/^PermitRootLogin no$/m);
    expect(sshd).toMatch(/^AllowUsers alice bob$/m);
    expect(doc.users.map((u: any) => [u.name, u.lock_passwd, u.ssh_authorized_keys.length])).toEqual([
      ['alice', true, 1],
      ['bob', true, 1],
    ]);
  });

  it('bans SSH brute force and reports every ban', () => {
    expect(file('/etc/fail2ban/jail.d/tom-sshd.local')).toMatch(/\[sshd\]\nenabled = true[\s\S]*maxretry = 5[\s\S]*tom-alert/);
    expect(file('/etc/fail2ban/action.d/tom-alert.conf')).toMatch(/^actionban = \/usr\/local\/sbin\/tom-alert fail2ban/m);
  });

  it('posts AIDE, rkhunter and auditd findings to the alert webhook', () => {
    expect(file('/etc/tom-kit/alert.env')).toContain("TOM_ALERT_WEBHOOK='https://alerts.acme-app.eu/hooks/prod'");
    expect(file('/usr/local/sbin/tom-alert')).toContain('"$TOM_ALERT_WEBHOOK"');
    expect(file('/etc/cron.daily/tom-aide')).toMatch(/aide .*--check[\s\S]*tom-alert aide/);
    expect(file('/etc/cron.daily/tom-rkhunter')).toMatch(/rkhunter --check[\s\S]*tom-alert rkhunter/);
    expect(file('/etc/audit/rules.d/tom-kit.rules')).toMatch(/-w \/etc\/shadow -p wa -k tom-watch/);
    expect(file('/usr/local/sbin/tom-audit-check')).toContain('tom-alert auditd');
  });

  it('takes the file-integrity baseline and starts the services at first boot', () => {
    const cmds = doc.runcmd.map((c: string[]) => c.join(' '));
    expect(cmds).toEqual(expect.arrayContaining(['aideinit --yes --force', 'rkhunter --propupd --nocolors', 'systemctl enable --now auditd fail2ban unattended-upgrades']));
  });

  it('refuses a plain-http webhook and a host without administrators', () => {
    expect(() => renderHostIdsCloudConfig({ ...props, alertWebhookUrl: 'http://x.example.eu' })).toThrow(/must be an https:\/\/ URL/);
    expect(() => renderHostIdsCloudConfig({ ...props, admins: [] })).toThrow(/at least one administrator/);
  });

  it("is valid against cloud-init's own cloud-config schema (and `cloud-init schema` where installed)", () => {
    expect(cloudConfigSchemaErrors(text)).toEqual([]);
    const run = runCloudInitSchema(text);
    if (run.installed) expect(run).toMatchObject({ valid: true });
  });

  // A broken copy of the user-data must be rejected: the check can fail.
  const broken: Array<[string, string, RegExp]> = [
    ['ssh_pwauth is not a boolean', text.replace('ssh_pwauth: false', 'ssh_pwauth: [not, a, boolean]'), /^\/ssh_pwauth /],
    ['a user has an unknown key', edit((d) => (d.users[0].lock_password = true)), /^\/users\/0 .*\(lock_password\)/],
    ['a written file has no path', edit((d) => delete d.write_files[0].path), /^\/write_files\/0 must have required property 'path'/],
    ['runcmd is one string, not a list', edit((d) => (d.runcmd = 'aideinit --yes --force')), /^\/runcmd must be array/],
    ['a key cloud-init deprecated (apt_upgrade)', edit((d) => (d.apt_upgrade = true)), /^\/apt_upgrade uses a key or form cloud-init marks deprecated/],
    ['the #cloud-config line is missing', text.replace('#cloud-config\n', ''), /#cloud-config/],
  ];
  it.each(broken)('rejects a broken copy: %s', (_name, brokenText, expected) => {
    expect(brokenText).not.toBe(text);
    expect(cloudConfigSchemaErrors(brokenText)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('fails `cloud-init schema` too on a broken copy, where cloud-init is installed', () => {
    const run = runCloudInitSchema(text.replace('ssh_pwauth: false', 'ssh_pwauth: [not, a, boolean]'));
    if (run.installed) expect(run).toMatchObject({ valid: false });
    else expect(cloudConfigSchemaErrors(text.replace('ssh_pwauth: false', 'ssh_pwauth: [not, a, boolean]'))).not.toEqual([]);
  });
});
