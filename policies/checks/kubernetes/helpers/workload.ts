/**
 * Reading Kubernetes workloads (`kubernetes_*_v1` resources of the Terraform
 * kubernetes provider) the same way whatever the source format wrote.
 *
 * Every workload type nests its pod spec at a different depth; the helpers
 * here find it, list its containers with the attribute path that leads to
 * each, and read env vars and labels, so the kubernetes and backup checks
 * never repeat the walk.
 */
import type { CheckResult, InventoryResource } from '../../../types';
import { notApplicable, pass } from '../../../types';
import { attr, block, blocks, isRecord, type Values } from '../../../values';

/** Where each workload type keeps its pod spec (dotted, single blocks stepped through by `attr`). */
const POD_SPEC_PATHS: Readonly<Record<string, string>> = {
  kubernetes_cron_job_v1: 'spec.job_template.spec.template.spec',
  kubernetes_cron_job: 'spec.job_template.spec.template.spec',
  kubernetes_deployment_v1: 'spec.template.spec',
  kubernetes_deployment: 'spec.template.spec',
  kubernetes_stateful_set_v1: 'spec.template.spec',
  kubernetes_stateful_set: 'spec.template.spec',
  kubernetes_daemon_set_v1: 'spec.template.spec',
  kubernetes_daemonset: 'spec.template.spec',
  kubernetes_job_v1: 'spec.template.spec',
  kubernetes_job: 'spec.template.spec',
  kubernetes_pod_v1: 'spec',
  kubernetes_pod: 'spec',
};

/** Every resource type that runs containers (current `_v1` names and their deprecated predecessors). */
export const WORKLOAD_TYPES: readonly string[] = Object.keys(POD_SPEC_PATHS);

export const CRON_JOB_TYPES: readonly string[] = ['kubernetes_cron_job_v1', 'kubernetes_cron_job'];

export interface PodSpec {
  readonly spec: Values;
  /** Attribute path of the pod spec, e.g. `spec.template.spec`. */
  readonly path: string;
}

/** The workload's pod spec, or undefined when the resource has none (or is not a workload). */
export function podSpec(resource: InventoryResource): PodSpec | undefined {
  const path = POD_SPEC_PATHS[resource.type];
  if (!path) return undefined;
  const spec = attr(resource.values, path);
  return isRecord(spec) ? { spec, path } : undefined;
}

export interface Container {
  readonly container: Values;
  /** Attribute path, e.g. `spec.template.spec.container[0]`. */
  readonly path: string;
  readonly name: string;
}

/** Containers and init containers of a pod spec, each with its attribute path. */
export function containers(pod: PodSpec): Container[] {
  const list = (key: string): Container[] =>
    blocks(pod.spec, key).map((container, i) => ({
      container,
      path: `${pod.path}.${key}[${i}]`,
      name: typeof container.name === 'string' ? container.name : `${key}[${i}]`,
    }));
  return [...list('init_container'), ...list('container')];
}

export interface EnvVar {
  readonly name: string;
  /** The literal value, when the var has one. */
  readonly value?: unknown;
  /** The `value_from` block, when the var takes its value from elsewhere. */
  readonly valueFrom?: Values;
  /** Attribute path of the env entry, e.g. `spec.template.spec.container[0].env[2]`. */
  readonly path: string;
}

/** The env vars of one container. */
export function envVars(c: Container): EnvVar[] {
  return blocks(c.container, 'env').map((e, i) => ({
    name: typeof e.name === 'string' ? e.name : '',
    value: e.value,
    valueFrom: block(e, 'value_from'),
    path: `${c.path}.env[${i}]`,
  }));
}

/** The first env var of that name across the pod's containers, with its container. */
export function findEnv(pod: PodSpec, name: string): { env: EnvVar; container: Container } | undefined {
  for (const container of containers(pod)) {
    const env = envVars(container).find((e) => e.name === name);
    if (env) return { env, container };
  }
  return undefined;
}

/** True when the env var reads a Kubernetes Secret (`value_from.secret_key_ref`). */
export const fromSecret = (env: EnvVar): boolean => block(env.valueFrom, 'secret_key_ref') !== undefined;

/** A string map under `metadata` (`labels`, `annotations`): cdktf writes an object, plan JSON too. */
export function metadataMap(values: Values | undefined, key: 'labels' | 'annotations'): Readonly<Record<string, unknown>> {
  const map = attr(values, `metadata.${key}`);
  return isRecord(map) ? map : {};
}

/** The `app.kubernetes.io/component` label of the resource (or, for a CronJob, of its job template). */
export function componentLabel(resource: InventoryResource): string | undefined {
  const own = metadataMap(resource.values, 'labels')['app.kubernetes.io/component'];
  if (typeof own === 'string') return own;
  const jobTemplate = attr(resource.values, 'spec.job_template');
  const inherited = metadataMap(isRecord(jobTemplate) ? jobTemplate : undefined, 'labels')['app.kubernetes.io/component'];
  return typeof inherited === 'string' ? inherited : undefined;
}

/**
 * Runs a per-container rule over every container of a workload: the first
 * failure decides (its path names the container); pass when all comply.
 * Not applicable when the resource declares no containers.
 */
export function everyContainer(
  resource: InventoryResource,
  rule: (c: Container, pod: PodSpec) => CheckResult | undefined,
  passReason: string,
): CheckResult {
  const pod = podSpec(resource);
  const list = pod ? containers(pod) : [];
  if (!pod || list.length === 0) return notApplicable('no containers');
  for (const c of list) {
    const result = rule(c, pod);
    if (result?.status === 'fail') return result;
  }
  return pass(`${list.length} container(s): ${passReason}`, `${pod.path}.container`);
}
