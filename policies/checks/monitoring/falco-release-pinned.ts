import type { CheckResult, InventoryResource } from '../../types';
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
