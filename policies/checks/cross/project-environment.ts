import type { CheckResult, InventoryIndex, InventoryResource } from '../../types';
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
