/**
 * The kit's own Falco rules, on top of Falco's default ruleset: the events the
 * published TOM promises to notice. Rendered as YAML for the chart's
 * `customRules`; `renderFalcoRules` is pure so tests can read the result.
 */
import { stringify } from 'yaml';
import { showValue } from '../config/show';
import { namedNetworkProblem } from '../config/cidr';

export interface FalcoRulesProps {
  /** Destinations containers may connect to on any port (the VPC, partners). */
  readonly allowedEgressCidrs: readonly string[];
}

export function renderFalcoRules(props: FalcoRulesProps): string {
  // Each range is pasted into a Falco condition: only a canonical CIDR may get there, and
  // never one that reaches the whole internet (that would silence the outbound alert).
  props.allowedEgressCidrs.forEach((c, i) => {
    const problem = namedNetworkProblem(c);
    if (problem) throw new Error(`allowedEgressCidrs[${i}] ${showValue(c)} ${problem}`);
  });
  const allowed = props.allowedEgressCidrs.map((c) => `"${c}"`).join(', ');
  const rules = [
    {
      macro: 'tom_allowed_egress',
      // DNS, NTP and HTTPS anywhere (images, APIs), anything else only to the allow-list.
      condition: `(fd.sport in (53, 123, 443) or fd.snet in (${allowed || '"127.0.0.0/8"'}))`,
    },
    {
      rule: 'TOM shell in container',
      desc: 'An interactive shell started inside a container (hands-on access to production).',
      condition: 'spawned_process and container and proc.name in (bash, sh, zsh, dash, ash, ksh) and proc.tty != 0',
      output: 'Shell in container (user=%user.name container=%container.name image=%container.image.repository cmd=%proc.cmdline k8s_ns=%k8s.ns.name pod=%k8s.pod.name)',
      priority: 'WARNING',
      tags: ['tom-kit', 'M6', 'mitre_execution'],
    },
    {
      rule: 'TOM write below etc',
      desc: 'A process wrote below /etc inside a container (configuration tampering).',
      condition: 'open_write and container and fd.name startswith /etc/',
      output: 'Write below /etc (file=%fd.name cmd=%proc.cmdline container=%container.name image=%container.image.repository)',
      priority: 'ERROR',
      tags: ['tom-kit', 'M6', 'filesystem'],
    },
    {
      rule: 'TOM read of sensitive file',
      desc: 'A container read credentials or key material (shadow, SSH keys, service-account tokens of others).',
      condition:
        'open_read and container and (fd.name in (/etc/shadow, /etc/gshadow, /etc/sudoers) or fd.name startswith /root/.ssh/ or fd.name glob "/home/*/.ssh/*") and not proc.name in (sshd, sudo)',
      output: 'Sensitive file read (file=%fd.name cmd=%proc.cmdline container=%container.name image=%container.image.repository)',
      priority: 'ERROR',
      tags: ['tom-kit', 'M6', 'credential_access'],
    },
    {
      rule: 'TOM outbound connection outside allow-list',
      desc: 'A container connected to a destination outside the EU allow-list on an unexpected port (possible transfer outside the agreed processing locations).',
      condition: 'outbound and container and not tom_allowed_egress',
      output: 'Unexpected outbound connection (connection=%fd.name cmd=%proc.cmdline container=%container.name image=%container.image.repository)',
      priority: 'WARNING',
      tags: ['tom-kit', 'M4', 'M1', 'exfiltration'],
    },
  ];
  return stringify(rules, { lineWidth: 0 });
}
