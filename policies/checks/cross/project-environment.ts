import type { CheckResult, InventoryIndex, InventoryResource, ResourceControl } from '../../types';
import { fail, pass } from '../../types';

const ENVIRONMENTS: readonly string[] = ['production', 'staging', 'development'];

const hasEnvironment = (project: InventoryResource): boolean =>
  typeof project.values.environment === 'string' && ENVIRONMENTS.includes(project.values.environment.toLowerCase());

/** Projects that list the resource, in `resources` or through a `digitalocean_project_resources`. */
function projectsOf(resource: InventoryResource, index: InventoryIndex): InventoryResource[] {
  const direct = index.referencing(resource, 'digitalocean_project');
  const viaAssignments = index
    .referencing(resource, 'digitalocean_project_resources')
    .flatMap((assignment) => index.referencedBy(assignment, 'digitalocean_project'));
  return [...direct, ...viaAssignments];
}

/**
 * TOM-SEP-01. Every environment is its own DigitalOcean project: each
 * `digitalocean_project` declares its `environment` (Production, Staging or
 * Development), and every cluster, database, bucket, droplet and volume is
 * listed in such a project. Anything left out lands in the account's default
 * project, shared by every environment.
 */
export function projectEnvironment(resource: InventoryResource, index: InventoryIndex): CheckResult {
  if (resource.type === 'digitalocean_project') {
    if (hasEnvironment(resource)) return pass(`environment ${String(resource.values.environment)}`, 'environment');
    return fail(`environment is ${JSON.stringify(resource.values.environment ?? null)}; set Production, Staging or Development`, 'environment');
  }
  const projects = projectsOf(resource, index);
  const labelled = projects.find(hasEnvironment);
  if (labelled) return pass(`in ${labelled.address} (${String(labelled.values.environment)})`, 'digitalocean_project.resources');
  if (projects.length > 0) {
    return fail(`listed only in ${projects.map((p) => p.address).join(', ')}, which has no environment`, `${projects[0].address}.environment`);
  }
  return fail(`not listed in any digitalocean_project's resources: it lands in the account's default project, shared by every environment`, 'digitalocean_project.resources');
}

export const control: ResourceControl = {
  id: 'TOM-SEP-01',
  title: 'Every environment is its own DigitalOcean project',
  severity: 'high',
  iso27001_2022: ['A.8.31'],
  iso27001_2013: ['A.12.1.4', 'A.14.2.6'],
  gdprArt32: ['b'],
  tomCategory: 'Trennungskontrolle',
  measures: ['M14'],
  measure: 'Development, test and production environments are strictly separated.',
  equivalents: [],
  rationale:
    'A project labelled Production, Staging or Development groups an environment\'s resources for access, billing and review. Anything not listed in a project lands in the account\'s default project, where the environments mix.',
  remediation:
    'Give each platform stack a `digitalocean_project` with `environment` set, and list every cluster, database, bucket, Droplet and volume in its `resources` (or a `digitalocean_project_resources`).',
  area: 'cross',
  scope: 'resource',
  appliesTo: [
    'digitalocean_project',
    'digitalocean_kubernetes_cluster',
    'digitalocean_database_cluster',
    'digitalocean_spaces_bucket',
    'digitalocean_droplet',
    'digitalocean_volume',
  ],
  check: projectEnvironment,
};
