import type { Control } from '../types';
import { WORKLOAD_TYPES } from '../checks/kubernetes/helpers/workload';
import { containerResourceLimits } from '../checks/kubernetes/container-resource-limits';
import { containersRunAsNonRoot } from '../checks/kubernetes/containers-run-as-non-root';
import { containersWithoutPrivilege } from '../checks/kubernetes/containers-without-privilege';
import { noHostNamespaces } from '../checks/kubernetes/no-host-namespaces';
import { readOnlyRootFilesystem } from '../checks/kubernetes/read-only-root-filesystem';
import { secretsByReference } from '../checks/kubernetes/secrets-by-reference';

/**
 * Workload hardening for every Kubernetes workload the stacks declare
 * (CronJobs, Deployments, StatefulSets, DaemonSets, Jobs, Pods): the
 * Pod Security Standard "restricted" profile's core, plus limits and secrets.
 * checkov's Terraform versions of these checks cover only kubernetes_pod /
 * kubernetes_deployment; these cover every workload type, init containers
 * included.
 */
export const KUBERNETES_CONTROLS: readonly Control[] = [
  {
    id: 'TOM-K8S-01',
    title: 'Containers run as non-root',
    severity: 'high',
    iso27001_2022: ['A.8.2', 'A.8.27'],
    iso27001_2013: ['A.9.2.3', 'A.14.2.5'],
    gdprArt32: ['b'],
    tomCategory: 'Zugriffskontrolle',
    measures: ['M16'],
    measure: 'Services run as unprivileged users, never as root.',
    equivalents: ['CKV_K8S_23', 'KSV012', 'core_minimize_root_containers_admission'],
    rationale:
      'A process that is root inside the container is one kernel bug or one mis-mounted path away from root on the node. Kubernetes runs images as whatever user they declare, often root, unless run_as_non_root forces the kubelet to refuse.',
    remediation:
      'Set security_context { run_as_non_root = true, run_as_user = <non-zero UID> } on the pod spec (or on each container), and never run_as_non_root = false or run_as_user = 0 on a container.',
    area: 'kubernetes',
    scope: 'resource',
    appliesTo: WORKLOAD_TYPES,
    check: containersRunAsNonRoot,
  },
  {
    id: 'TOM-K8S-02',
    title: 'Containers unprivileged, no privilege escalation, capabilities dropped',
    severity: 'high',
    iso27001_2022: ['A.8.2', 'A.8.27'],
    iso27001_2013: ['A.9.2.3', 'A.14.2.5'],
    gdprArt32: ['b'],
    tomCategory: 'Zugriffskontrolle',
    measures: ['M16', 'M17'],
    measure: 'Services get no more operating-system privileges than they need.',
    equivalents: [
      'CKV_K8S_16',
      'CKV_K8S_20',
      'CKV_K8S_37',
      'KSV017',
      'KSV001',
      'KSV003',
      'core_minimize_privileged_containers',
      'core_minimize_allowPrivilegeEscalation_containers',
      'core_minimize_containers_capabilities_assigned',
    ],
    rationale:
      'A privileged container is the node. allow_privilege_escalation defaults to true, so setuid binaries can regain root; the default capability set still includes NET_RAW and others an application never needs.',
    remediation:
      'On every container set security_context { privileged = false, allow_privilege_escalation = false, capabilities { drop = ["ALL"] } } and add back at most NET_BIND_SERVICE.',
    area: 'kubernetes',
    scope: 'resource',
    appliesTo: WORKLOAD_TYPES,
    check: containersWithoutPrivilege,
  },
  {
    id: 'TOM-K8S-03',
    title: 'Containers have a read-only root filesystem',
    severity: 'medium',
    iso27001_2022: ['A.8.27', 'A.8.9'],
    iso27001_2013: ['A.14.2.5'],
    gdprArt32: ['b'],
    tomCategory: 'Zugriffskontrolle',
    measures: ['M16'],
    measure: 'Running services cannot alter their own software; the image as built is what runs.',
    equivalents: ['CKV_K8S_22', 'KSV014', 'core_readonly_root_filesystem_enabled'],
    rationale:
      'An intruder who cannot write to the container filesystem cannot drop tools or patch binaries there, and the running configuration stays the reviewed one. Writable scratch space belongs in an emptyDir volume.',
    remediation: 'Set security_context { read_only_root_filesystem = true } on every container and mount an empty_dir volume where the program needs to write (e.g. /tmp).',
    area: 'kubernetes',
    scope: 'resource',
    appliesTo: WORKLOAD_TYPES,
    check: readOnlyRootFilesystem,
  },
  {
    id: 'TOM-K8S-04',
    title: 'Containers declare CPU and memory limits',
    severity: 'medium',
    iso27001_2022: ['A.8.6'],
    iso27001_2013: ['A.12.1.3'],
    gdprArt32: ['b'],
    tomCategory: 'Verfügbarkeitskontrolle',
    measures: ['M12'],
    measure: 'Capacity is managed: no single service can exhaust the resources the others depend on.',
    equivalents: ['CKV_K8S_11', 'CKV_K8S_12', 'KSV011', 'KSV018', 'core_cpu_limits_set', 'core_memory_limits_set'],
    rationale:
      'Without limits a leaking or attacked workload takes the whole node down, and the autoscaler and capacity alerts cannot reason about what fits. A backup dump of a large database is a typical offender.',
    remediation: 'Set resources { limits = { cpu = "500m", memory = "512Mi" }, requests = { … } } on every container, sized from observed use.',
    area: 'kubernetes',
    scope: 'resource',
    appliesTo: WORKLOAD_TYPES,
    check: containerResourceLimits,
  },
  {
    id: 'TOM-K8S-05',
    title: 'Pods share no host namespace and mount no host path',
    severity: 'high',
    iso27001_2022: ['A.8.22', 'A.8.27'],
    iso27001_2013: ['A.13.1.3', 'A.14.2.5'],
    gdprArt32: ['b'],
    tomCategory: 'Zugriffskontrolle',
    measures: ['M16'],
    measure: 'Workloads stay isolated from the node and from each other.',
    equivalents: [
      'CKV_K8S_17',
      'CKV_K8S_18',
      'CKV_K8S_19',
      'KSV008',
      'KSV009',
      'KSV010',
      'core_minimize_hostNetwork_containers',
      'core_minimize_hostPID_containers',
      'core_minimize_hostIPC_containers',
      'core_minimize_hostpath_volume_mounts',
    ],
    rationale:
      'host_network bypasses network policies and exposes node-local services; host_pid and host_ipc let a container see and signal every process on the node; a host_path volume reaches the node\'s files. Each breaks the separation between workloads and environments.',
    remediation: 'Remove host_network, host_pid and host_ipc (or set them false) and replace host_path volumes with persistent volume claims, config maps or empty_dir.',
    area: 'kubernetes',
    scope: 'resource',
    appliesTo: WORKLOAD_TYPES,
    check: noHostNamespaces,
  },
  {
    id: 'TOM-K8S-06',
    title: 'Credentials reach containers only from Secrets',
    severity: 'critical',
    iso27001_2022: ['A.5.17', 'A.8.28'],
    iso27001_2013: ['A.9.2.4', 'A.9.3.1'],
    gdprArt32: ['b'],
    tomCategory: 'Zugangskontrolle',
    measures: ['M15'],
    measure: 'Credentials are kept strictly apart from code: workloads get them from Kubernetes Secrets, never from the infrastructure code.',
    equivalents: ['core_no_secrets_envs'],
    rationale:
      'A password written into the job spec (literally or through a Terraform variable) ends up in the repository or the state file and in every "kubectl get -o yaml". The backup job\'s PGPASSWORD and S3 keys are the obvious cases; the age recipients are public keys and are exempt. Mapped to A.5.17 and A.8.28 (secrets by reference is a secure-coding rule), not to A.8.4, which is about access to source code.',
    remediation:
      'Create the Secret out of band (or from a sealed/external secret) and reference it: env { name = "PGPASSWORD", value_from { secret_key_ref { name = "db-backup", key = "password" } } }.',
    area: 'kubernetes',
    scope: 'resource',
    appliesTo: WORKLOAD_TYPES,
    check: secretsByReference,
  },
];
