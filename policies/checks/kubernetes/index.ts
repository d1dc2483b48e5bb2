import type { Control } from '../../types';
import * as containersRunAsNonRoot from './containers-run-as-non-root';
import * as containersWithoutPrivilege from './containers-without-privilege';
import * as readOnlyRootFilesystem from './read-only-root-filesystem';
import * as containerResourceLimits from './container-resource-limits';
import * as noHostNamespaces from './no-host-namespaces';
import * as secretsByReference from './secrets-by-reference';

/**
 * Workload hardening for every Kubernetes workload the stacks declare
 * (CronJobs, Deployments, StatefulSets, DaemonSets, Jobs, Pods): the
 * Pod Security Standard "restricted" profile's core, plus limits and secrets.
 * checkov's Terraform versions of these checks cover only kubernetes_pod /
 * kubernetes_deployment; these cover every workload type, init containers
 * included.
 */
export const KUBERNETES_CONTROLS: readonly Control[] = [
  containersRunAsNonRoot.control,
  containersWithoutPrivilege.control,
  readOnlyRootFilesystem.control,
  containerResourceLimits.control,
  noHostNamespaces.control,
  secretsByReference.control,
];
