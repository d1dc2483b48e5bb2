import type { Control } from '../types';
import { AWS_CONTROLS } from './aws';
import { BACKUP_CONTROLS } from './backup';
import { CLOUDFLARE_CONTROLS } from './cloudflare';
import { CROSS_CONTROLS } from './cross';
import { DIGITALOCEAN_CONTROLS } from './digitalocean';
import { KUBERNETES_CONTROLS } from './kubernetes';
import { MONITORING_CONTROLS } from './monitoring';

/** The whole catalogue, in report order. Ids are unique (checked by test/policies/catalog.test.ts). */
export const CONTROLS: readonly Control[] = [
  ...CROSS_CONTROLS,
  ...DIGITALOCEAN_CONTROLS,
  ...CLOUDFLARE_CONTROLS,
  ...AWS_CONTROLS,
  ...BACKUP_CONTROLS,
  ...KUBERNETES_CONTROLS,
  ...MONITORING_CONTROLS,
];
