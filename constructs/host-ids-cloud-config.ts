/**
 * The cloud-init document that turns a fresh Debian/Ubuntu droplet into a
 * watched host (M6, M7, M16, M17): AIDE file integrity, rkhunter rootkit and
 * /dev anomaly scans, fail2ban against SSH brute force, auditd on identity and
 * SSH files, unattended security upgrades, key-only personal SSH accounts,
 * and every finding posted to the environment's alert webhook.
 *
 * Kept as readable YAML (never gzip/base64) so reviewers and the audit can
 * read what a host runs. Pure: the same input renders the same document.
 */
import { stringify } from 'yaml';
import { showValue } from '../config/show';
import { assertHttpsUrl } from '../config/url';
import { renderShellEnv } from './shell-env';
import { HOST_IDS_PACKAGES } from '../data/host-ids';

export interface HostIdsAdmin {
  readonly name: string;
  readonly sshPublicKey: string;
}

export interface HostIdsCloudConfigProps {
  /** Host name shown in alerts. */
  readonly hostname: string;
  /** https webhook every finding is posted to. */
  readonly alertWebhookUrl: string;
  /** Personal accounts; the only way in (no passwords, no root). */
  readonly admins: readonly HostIdsAdmin[];
  /** fail2ban: failed logins before a ban. @default 5 */
  readonly maxSshRetries?: number;
}

/** The host IDS (data/host-ids.ts, what the audit requires), audit logging, automatic updates, and the alert script's tools. */
export const CLOUD_INIT_PACKAGES = [...HOST_IDS_PACKAGES, 'auditd', 'unattended-upgrades', 'curl', 'jq'] as const;

const ALERT_SCRIPT = `#!/bin/sh
# tom-alert SOURCE MESSAGE: post one finding to the environment's alert route.
set -u
. /etc/tom-kit/alert.env
body=$(jq -n --arg host "$TOM_HOST" --arg source "$1" --arg message "$2" \\
  '{host: $host, source: $source, message: $message, severity: "warning"}')
curl --silent --show-error --fail --max-time 10 --retry 3 \\
  -H 'Content-Type: application/json' -d "$body" "$TOM_ALERT_WEBHOOK" >/dev/null \\
  || logger -t tom-alert "could not deliver alert from $1"
`;

const AIDE_CHECK = `#!/bin/sh
# Daily file-integrity check against the baseline taken at first boot.
out=$(aide --config /etc/aide/aide.conf --check 2>&1)
if [ $? -ne 0 ]; then
  /usr/local/sbin/tom-alert aide "$(printf '%s' "$out" | head -c 3500)"
fi
`;

const RKHUNTER_CHECK = `#!/bin/sh
# Daily rootkit, trojan and /dev anomaly scan; warnings only.
rkhunter --update --nocolors >/dev/null 2>&1
out=$(rkhunter --check --skip-keypress --report-warnings-only --nocolors 2>&1)
if [ -n "$out" ]; then
  /usr/local/sbin/tom-alert rkhunter "$(printf '%s' "$out" | head -c 3500)"
fi
`;

const AUDIT_CHECK = `#!/bin/sh
# Every 5 minutes: changes to identity, sudo and SSH files since the last run.
out=$(ausearch -k tom-watch --checkpoint /var/lib/tom-kit/audit.checkpoint -i 2>/dev/null | grep -E '^type=(SYSCALL|PATH)' | head -c 3500)
if [ -n "$out" ]; then
  /usr/local/sbin/tom-alert auditd "$out"
fi
`;

const AUDIT_RULES = `# tom-kit: who changed accounts, privileges, SSH or device files
-w /etc/passwd -p wa -k tom-watch
-w /etc/shadow -p wa -k tom-watch
-w /etc/group -p wa -k tom-watch
-w /etc/sudoers -p wa -k tom-watch
-w /etc/sudoers.d/ -p wa -k tom-watch
-w /etc/ssh/sshd_config -p wa -k tom-watch
-w /etc/ssh/sshd_config.d/ -p wa -k tom-watch
-w /root/.ssh/ -p wa -k tom-watch
-w /dev/shm/ -p wa -k tom-watch
`;

const HOSTNAME = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;
const USER_NAME = /^[a-z][a-z0-9_-]{1,31}$/;

/**
 * `/etc/tom-kit/alert.env`, which tom-alert and the cron checks source as root.
 * Written with shell quoting, never by pasting values between quotes: the
 * URL rule already refuses quotes, and this holds even if it ever did not.
 */
export function renderAlertEnv(hostname: string, webhookUrl: string): string {
  return renderShellEnv({ TOM_HOST: hostname, TOM_ALERT_WEBHOOK: webhookUrl });
}

/** Renders the `#cloud-config` user data for a host-IDS droplet. */
export function renderHostIdsCloudConfig(props: HostIdsCloudConfigProps): string {
  assertHttpsUrl(props.alertWebhookUrl, 'alertWebhookUrl');
  // The host name and user names land in a YAML comment and sshd_config lines: one token each, nothing to interpret.
  if (!HOSTNAME.test(props.hostname)) throw new Error(`hostname ${showValue(props.hostname)} must be a host name: lower-case letters, digits, dots and hyphens`);
  if (props.admins.length === 0) throw new Error('admins: name at least one administrator; root login is disabled');
  props.admins.forEach((a, i) => {
    if (!USER_NAME.test(a.name)) throw new Error(`admins[${i}].name ${showValue(a.name)} must be a Unix user name such as alice`);
    if (/[\u0000-\u001f\u007f]/.test(a.sshPublicKey)) throw new Error(`admins[${i}].sshPublicKey must be one line without control characters`);
  });
  const retries = props.maxSshRetries ?? 5;
  if (!Number.isInteger(retries) || retries < 1) throw new Error(`maxSshRetries must be a positive whole number (got ${retries})`);
  const users = props.admins.map((a) => a.name);
  const file = (path: string, content: string, permissions = '0644') => ({ path, owner: 'root:root', permissions, content });

  const doc = {
    hostname: props.hostname,
    disable_root: true,
    ssh_pwauth: false,
    users: props.admins.map((a) => ({
      name: a.name,
      groups: ['sudo'],
      shell: '/bin/bash',
      lock_passwd: true,
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      ssh_authorized_keys: [a.sshPublicKey],
    })),
    package_update: true,
    package_upgrade: true,
    packages: [...CLOUD_INIT_PACKAGES],
    write_files: [
      file(
        '/etc/ssh/sshd_config.d/10-tom-hardening.conf',
        [
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'PermitRootLogin no',
          'PubkeyAuthentication yes',
          'MaxAuthTries 3',
          'X11Forwarding no',
          `AllowUsers ${users.join(' ')}`,
          '',
        ].join('\n'),
      ),
      file('/etc/tom-kit/alert.env', renderAlertEnv(props.hostname, props.alertWebhookUrl), '0600'),
      file('/usr/local/sbin/tom-alert', ALERT_SCRIPT, '0755'),
      file(
        '/etc/fail2ban/jail.d/tom-sshd.local',
        `[sshd]\nenabled = true\nbackend = systemd\nmaxretry = ${retries}\nfindtime = 10m\nbantime = 1h\naction = %(action_)s\n         tom-alert\n`,
      ),
      file(
        '/etc/fail2ban/action.d/tom-alert.conf',
        '[Definition]\nactionban = /usr/local/sbin/tom-alert fail2ban "banned <ip> after <failures> failed SSH logins"\nactionunban =\n',
      ),
      file('/etc/audit/rules.d/tom-kit.rules', AUDIT_RULES),
      file('/etc/cron.daily/tom-aide', AIDE_CHECK, '0755'),
      file('/etc/cron.daily/tom-rkhunter', RKHUNTER_CHECK, '0755'),
      file('/usr/local/sbin/tom-audit-check', AUDIT_CHECK, '0755'),
      file('/etc/cron.d/tom-audit', '*/5 * * * * root /usr/local/sbin/tom-audit-check\n'),
      file('/etc/apt/apt.conf.d/20auto-upgrades', 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n'),
    ],
    runcmd: [
      ['mkdir', '-p', '/var/lib/tom-kit'],
      ['augenrules', '--load'],
      ['systemctl', 'enable', '--now', 'auditd', 'fail2ban', 'unattended-upgrades'],
      ['rkhunter', '--propupd', '--nocolors'],
      ['aideinit', '--yes', '--force'],
      ['systemctl', 'restart', 'ssh'],
      ['/usr/local/sbin/tom-alert', 'bootstrap', 'host IDS active: aide, rkhunter, fail2ban, auditd, unattended-upgrades'],
    ],
  };
  return `#cloud-config\n# tom-kit host IDS bootstrap for ${props.hostname}: readable on purpose, reviewed like code.\n${stringify(doc, { lineWidth: 0 })}`;
}
