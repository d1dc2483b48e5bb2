import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CLOUDFLARE_RESOURCE_TYPES,
  DIGITALOCEAN_RESOURCE_TYPES,
  HELM_RESOURCE_TYPES,
  KUBERNETES_RESOURCE_TYPES,
} from '../../../policies/checks/cross/helpers/resource-types';

/**
 * The secret scans apply to every resource type of the installed providers.
 * A provider upgrade that adds types must update the list; this test says which.
 * Each binding lives in `lib/<kebab-name>/`, data sources in `lib/data-…/`.
 */
function installedTypes(provider: string): string[] {
  const lib = join(dirname(require.resolve(`@cdktf/provider-${provider}/package.json`)), 'lib');
  return readdirSync(lib, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('data-') && d.name !== 'provider')
    .map((d) => `${provider}_${d.name.replace(/-/g, '_')}`)
    .sort();
}

it.each([
  ['digitalocean', DIGITALOCEAN_RESOURCE_TYPES],
  ['cloudflare', CLOUDFLARE_RESOURCE_TYPES],
  ['kubernetes', KUBERNETES_RESOURCE_TYPES],
  ['helm', HELM_RESOURCE_TYPES],
] as const)('lists exactly the installed %s resource types', (provider, listed) => {
  expect([...listed].sort()).toEqual(installedTypes(provider));
});
