import type { Control } from '../types';
import { AWS_CONTROLS } from '../checks/aws';
import { BACKUP_CONTROLS } from '../checks/backup';
import { CLOUDFLARE_CONTROLS } from '../checks/cloudflare';
import { CROSS_CONTROLS } from '../checks/cross';
import { DIGITALOCEAN_CONTROLS } from '../checks/digitalocean';
import { KUBERNETES_CONTROLS } from '../checks/kubernetes';
import { MONITORING_CONTROLS } from '../checks/monitoring';

/**
 * The whole catalogue, in report order: each area's index
 * (`policies/checks/<area>/index.ts`) lists the area's control files, one per
 * control. test/policies/catalogue-registration.test.ts fails on a control file
 * that no index registers, or whose area is not its folder; ids are unique.
 */
export const CONTROLS: readonly Control[] = [
  ...CROSS_CONTROLS,
  ...DIGITALOCEAN_CONTROLS,
  ...CLOUDFLARE_CONTROLS,
  ...AWS_CONTROLS,
  ...BACKUP_CONTROLS,
  ...KUBERNETES_CONTROLS,
  ...MONITORING_CONTROLS,
];
