import { DatabaseCluster } from '@cdktf/provider-digitalocean/lib/database-cluster';
import { DatabaseFirewall } from '@cdktf/provider-digitalocean/lib/database-firewall';
import { DatabaseReplica } from '@cdktf/provider-digitalocean/lib/database-replica';
import { Firewall } from '@cdktf/provider-digitalocean/lib/firewall';
import { KubernetesCluster } from '@cdktf/provider-digitalocean/lib/kubernetes-cluster';
import { Project } from '@cdktf/provider-digitalocean/lib/project';
import { SpacesBucket } from '@cdktf/provider-digitalocean/lib/spaces-bucket';
import { Vpc } from '@cdktf/provider-digitalocean/lib/vpc';
import { Testing } from 'cdktf';
import { DEFAULT_CONFIG, loadConfig } from '../../config/load';
import { PlatformStack } from '../../stacks/platform-stack';

Testing.setupJest();

const config = loadConfig(DEFAULT_CONFIG);

function synthPlatform(envName: string, processEnv: NodeJS.ProcessEnv = {}): { json: string; doc: any } {
  const env = config.environments.find((e) => e.name === envName)!;
  const app = Testing.app();
  const stack = new PlatformStack(app, `platform-${env.name}`, { project: config.project, state: config.state, env, processEnv });
  const json = Testing.synth(stack);
  return { json, doc: JSON.parse(json) };
}

const all = (doc: any, type: string): any[] => Object.values(doc.resource[type] ?? {});

describe('platform-prod', () => {
  const { json, doc } = synthPlatform('prod');

  it('matches the reviewed snapshot', () => {
    expect(doc).toMatchSnapshot();
  });

  it('puts every regional resource in an EU region', () => {
    const regions = Object.values<any>(doc.resource).flatMap((byName) => Object.values<any>(byName)).map((r) => r.region).filter(Boolean);
    expect(regions.length).toBeGreaterThanOrEqual(7);
    expect(new Set(regions)).toEqual(new Set(['fra1', 'ams3']));
  });

  it('has one project recorded as Production holding cluster, database and buckets', () => {
    expect(json).toHaveResourceWithProperties(Project, { name: 'acme-prod', environment: 'Production' });
    const [project] = all(doc, 'digitalocean_project');
    expect(project.resources).toHaveLength(6);
    expect(project.resources.join(" ")).toMatch(/digitalocean_droplet\..*\.urn.*digitalocean_loadbalancer\..*\.urn/);
    expect(project.resources.join(' ')).toMatch(/digitalocean_kubernetes_cluster\..*\.urn.*digitalocean_database_cluster\..*\.urn/);
  });

  it('has its own VPCs in the primary and secondary region', () => {
    expect(json).toHaveResourceWithProperties(Vpc, { region: 'fra1', ip_range: '10.10.0.0/20' });
    expect(json).toHaveResourceWithProperties(Vpc, { region: 'ams3', ip_range: '10.11.0.0/20' });
  });

  it('runs an HA, self-patching, autoscaling cluster in the VPC with a restricted control plane', () => {
    expect(json).toHaveResourceWithProperties(KubernetesCluster, {
      region: 'fra1',
      ha: true,
      auto_upgrade: true,
      surge_upgrade: true,
      maintenance_policy: { day: 'sunday', start_time: '03:00' },
      control_plane_firewall: { enabled: true, allowed_addresses: ['198.51.100.0/28', '203.0.113.16/29'] },
      node_pool: expect.objectContaining({ auto_scale: true, min_nodes: 3, max_nodes: 8 }),
    });
    const [cluster] = all(doc, 'digitalocean_kubernetes_cluster');
    expect(cluster.vpc_uuid).toMatch(/^\$\{digitalocean_vpc\.network_vpc_.*\.id\}$/);
  });

  it('runs PostgreSQL with a standby, on the private network, with a maintenance window', () => {
    expect(json).toHaveResourceWithProperties(DatabaseCluster, {
      engine: 'pg',
      region: 'fra1',
      node_count: 2,
      maintenance_window: [{ day: 'sunday', hour: '02:00' }],
    });
    const [db] = all(doc, 'digitalocean_database_cluster');
    expect(db.private_network_uuid).toMatch(/^\$\{digitalocean_vpc\.network_vpc_/);
  });

  it('replicates the database into the secondary EU region on that region\'s VPC', () => {
    expect(json).toHaveResourceWithProperties(DatabaseReplica, { region: 'ams3' });
    const [replica] = all(doc, 'digitalocean_database_replica');
    expect(replica.private_network_uuid).toMatch(/^\$\{digitalocean_vpc\.network_secondary-vpc_/);
  });

  it('lets only the cluster reach the database', () => {
    const [fw] = all(doc, 'digitalocean_database_firewall');
    expect(fw.rule).toEqual([{ type: 'k8s', value: expect.stringMatching(/^\$\{digitalocean_kubernetes_cluster\..*\.id\}$/) }]);
    expect(json).toHaveResource(DatabaseFirewall);
  });

  it('keeps buckets private, versioned, undeletable by accident and bounded in retention', () => {
    const buckets = all(doc, 'digitalocean_spaces_bucket');
    expect(buckets).toHaveLength(2);
    for (const b of buckets) {
      expect(b).toMatchObject({ region: 'fra1', acl: 'private', force_destroy: false, versioning: { enabled: true } });
      expect(b.lifecycle_rule[0]).toMatchObject({ enabled: true, noncurrent_version_expiration: { days: expect.any(Number) } });
    }
    expect(json).toHaveResourceWithProperties(SpacesBucket, { name: 'acme-prod-logs', lifecycle_rule: [expect.objectContaining({ expiration: { days: 365 } })] });
  });

  it('guards worker nodes with a firewall that admits only the VPC and restricts egress', () => {
    expect(json).toHaveResource(Firewall);
    const fw = all(doc, 'digitalocean_firewall').find((f) => f.name === 'acme-prod-workers');
    const sources = fw.inbound_rule.flatMap((r: any) => r.source_addresses ?? []);
    expect(sources).toEqual(['10.10.0.0/20', '10.10.0.0/20']);
    const worldEgressPorts = fw.outbound_rule.filter((r: any) => r.destination_addresses.includes('0.0.0.0/0')).map((r: any) => r.port_range);
    expect(new Set(worldEgressPorts)).toEqual(new Set(['53', '123', '443']));
  });

  it('stores state encrypted on Spaces in fra1 with locking', () => {
    expect(doc.terraform.backend.s3).toMatchObject({
      bucket: 'acme-tfstate',
      key: 'platform-prod/terraform.tfstate',
      region: 'fra1',
      encrypt: true,
      use_lockfile: true,
      endpoints: { s3: 'https://fra1.digitaloceanspaces.com' },
    });
  });

  it('carries no credentials: the only provider reads them from the environment', () => {
    expect(doc.provider).toEqual({ digitalocean: [{}] });
    expect(json).not.toMatch(/dop_v1_|"spaces_secret_key"|"spaces_access_id"|"token"/);
  });
});

describe('platform-staging', () => {
  const { json, doc } = synthPlatform('staging');

  it('matches the reviewed snapshot', () => {
    expect(doc).toMatchSnapshot();
  });

  it('is recorded as Staging, on its own non-overlapping network, without HA or replica', () => {
    expect(json).toHaveResourceWithProperties(Project, { environment: 'Staging' });
    expect(json).toHaveResourceWithProperties(Vpc, { ip_range: '10.20.0.0/20' });
    expect(json).toHaveResourceWithProperties(KubernetesCluster, { ha: false, auto_upgrade: true, surge_upgrade: true });
    expect(json).not.toHaveResource(DatabaseReplica);
  });
});

describe('state backend switch', () => {
  it('keeps state on disk with TOM_STATE_BACKEND=local', () => {
    const { doc } = synthPlatform('staging', { TOM_STATE_BACKEND: 'local' });
    expect(doc.terraform.backend).toEqual({ local: { path: 'terraform.platform-staging.tfstate' } });
  });
});
