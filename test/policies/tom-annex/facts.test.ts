/** Facts come from the described (production) environments' config and stacks, not from the template. */
import { annexFacts } from '../../../policies/report/tom-annex/facts';
import type { InventoryResource, StackInfo } from '../../../policies/types';
import { exampleConfig } from './support';

const zone = (stack: string, value: string): InventoryResource => ({
  address: `cloudflare_zone_setting.min_tls_${stack}`, type: 'cloudflare_zone_setting', provider: 'cloudflare', stack, source: `${stack}.json`, format: 'cdktf',
  values: { setting_id: 'min_tls_version', value }, references: [],
});
const vault = (name: string, region: string): StackInfo => ({ name, source: `${name}.template.json`, format: 'cloudformation', region });

describe('TOM annex facts', () => {
  const config = exampleConfig();

  it('reads the production stacks only: a staging zone or vault does not speak for the annex', () => {
    const facts = annexFacts(config, {
      resources: [zone('edge-staging', '1.0'), zone('edge-prod', '1.3')],
      stacks: [vault('backup-vault-staging', 'eu-west-1'), vault('backup-vault-prod', 'eu-central-1')],
    });
    expect(facts).toMatchObject({ minTls: '1.3', vaultRegions: ['eu-central-1'], providers: ['cloudflare'], described: ['prod'] });
  });

  it('takes the lowest TLS floor of the described zones, and every environment when none is prod', () => {
    const noProd = { ...config, environments: config.environments.map((e) => ({ ...e, stage: 'staging' as const })) };
    const facts = annexFacts(noProd, { resources: [zone('edge-staging', '1.2'), zone('edge-prod', '1.3')], stacks: [] });
    expect(facts.described).toEqual(['staging', 'prod']);
    expect(facts.minTls).toBe('1.2');
  });

  it('takes regions, retention, schedules and alert channels from the config', () => {
    const facts = annexFacts(config, { resources: [], stacks: [] });
    expect(facts).toMatchObject({
      primaryRegions: ['fra1'], replicaRegions: ['ams3'], retentionDays: [14], backupSchedules: ['0 2 * * *'], drillSchedules: ['0 4 * * 0'],
      alerting: { email: true, webhook: true, slack: ['#ops-alerts'], teams: false }, nodes: { min: 3, max: 8 }, adminNetworks: 2,
    });
  });
});
