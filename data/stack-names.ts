/**
 * How the kit names its stacks: `<kind>-<environment>`, one stack of each
 * kind per environment (`platform-prod`, `workloads-prod`, `edge-prod`,
 * `backup-vault-prod`). The stacks are built under these names and the audit
 * uses them to tell which stacks make up one environment, e.g. that the Falco
 * release in `workloads-prod` covers the cluster in `platform-prod`.
 */

/**
 * - `platform`: DigitalOcean (network, cluster, database, buckets, monitoring).
 * - `workloads`: what runs inside the cluster (Falco, backup CronJobs); reads the cluster by name.
 * - `edge`: Cloudflare.
 * - `backup-vault`: the off-site vault (aws-cdk-lib).
 */
export const STACK_KINDS = ['platform', 'workloads', 'edge', 'backup-vault'] as const;

export type StackKind = (typeof STACK_KINDS)[number];

/** `platform-prod` */
export function stackName(kind: StackKind, environment: string): string {
  return `${kind}-${environment}`;
}

/**
 * The environment a stack name belongs to (`workloads-eu-prod` → `eu-prod`),
 * or undefined when the name does not follow `<kind>-<environment>`.
 */
export function environmentOfStackName(stack: string): string | undefined {
  for (const kind of STACK_KINDS) {
    if (stack.startsWith(`${kind}-`) && stack.length > kind.length + 1) return stack.slice(kind.length + 1);
  }
  return undefined;
}
