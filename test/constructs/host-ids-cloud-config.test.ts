import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderHostIdsCloudConfig } from '../../constructs/host-ids-cloud-config';

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

  it('is accepted by `cloud-init schema`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tom-cloud-init-'));
    const path = join(dir, 'user-data.yaml');
    writeFileSync(path, text);
    const run = spawnSync('cloud-init', ['schema', '--config-file', path], { encoding: 'utf8' });
    if (run.error) throw new Error(`cloud-init is not installed (apt-get install cloud-init; .ci/run installs it): ${run.error.message}`);
    expect(`${run.stdout}${run.stderr}`).toContain('Valid cloud-config');
    expect(run.status).toBe(0);
  });

  it('fails `cloud-init schema` when the document is broken (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tom-cloud-init-'));
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, text.replace('ssh_pwauth: false', 'ssh_pwauth: [not, a, boolean]'));
    const run = spawnSync('cloud-init', ['schema', '--config-file', path], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
  });
});
