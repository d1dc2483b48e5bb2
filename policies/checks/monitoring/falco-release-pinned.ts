import type { CheckResult, InventoryResource, ResourceControl } from '../../types';
import { fail, notApplicable, pass } from '../../types';
import { helmValues, isFalcoRelease } from './helpers/helm';

/** An exact chart version: `4.8.1`, `v4.8.1`, `4.8.1-rc.1`; no ranges (`^`, `~`, `*`, `x`, `>=`). */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const REQUIRED_DRIVER = 'modern_ebpf';

/**
 * The Falco release is reproducible and actually runs on managed nodes: the
 * chart `version` is pinned to an exact release, the chart comes over TLS
 * (`repository` https:// or oci://), and `driver.kind` is `modern_ebpf`
 * (CO-RE eBPF, no kernel headers or module build, which DOKS nodes do not
 * allow; a kmod/ebpf driver silently leaves Falco without events).
 */
export function falcoReleasePinned(resource: InventoryResource): CheckResult {
  if (!isFalcoRelease(resource)) return notApplicable('not a Falco release');
  const version = resource.values.version;
  if (typeof version !== 'string' || version.trim() === '') {
    return fail('chart version is not set, so every apply may install a different Falco', 'version');
  }
  if (!EXACT_VERSION.test(version.trim())) {
    return fail(`chart version "${version}" is a range, not an exact release (e.g. 4.8.1)`, 'version');
  }
  const repository = resource.values.repository;
  if (typeof repository === 'string' && repository !== '' && !/^(https|oci):\/\//i.test(repository.trim())) {
    return fail(`chart repository "${repository}" is not fetched over TLS (https:// or oci://)`, 'repository');
  }
  const values = helmValues(resource);
  const driver = values.get('driver.kind');
  if (!driver) {
    const unreadable = values.unreadable[0];
    return fail(
      `driver.kind is not set${unreadable ? ` (${unreadable.reason})` : ''}; required: ${REQUIRED_DRIVER}`,
      unreadable?.path ?? 'values',
    );
  }
  if (driver.value !== REQUIRED_DRIVER) {
    return fail(`driver.kind is "${String(driver.value)}"; required: ${REQUIRED_DRIVER}`, driver.path);
  }
  return pass(`falco chart ${version}, driver ${REQUIRED_DRIVER}`, driver.path);
}

export const control: ResourceControl = {
  id: 'TOM-IDS-02',
  title: 'Falco release pinned, fetched over TLS, modern eBPF driver',
  severity: 'medium',
  iso27001_2022: ['A.8.19', 'A.8.9', 'A.8.16'],
  iso27001_2013: ['A.12.5.1'],
  gdprArt32: ['b'],
  tomCategory: 'Zugangskontrolle',
  measures: ['M6', 'M19'],
  measure: 'The intrusion detection software is a known, reviewed version that actually works on the managed nodes.',
  equivalents: [],
  rationale:
    'An unpinned chart changes on every apply without review; a chart from a plain-http repository can be swapped in transit; and the kernel-module or legacy eBPF driver cannot be built on DOKS nodes, leaving Falco running but blind. TOM category Zugangskontrolle: a pinned chart fetched over TLS keeps tampered software off the clusters; it logs nothing, so not Eingabekontrolle.',
  remediation: 'Set version to an exact chart release (e.g. "4.8.1"), repository to https://falcosecurity.github.io/charts, and driver.kind: modern_ebpf in values (or set { name = "driver.kind", value = "modern_ebpf" }).',
  area: 'monitoring',
  scope: 'resource',
  appliesTo: ['helm_release'],
  check: falcoReleasePinned,
};
