/**
 * A DigitalOcean tag named through its resource is the same tag whether
 * written `digitalocean_tag.x.name` or `digitalocean_tag.x.id` (the API
 * accepts either): firewall and alert coverage follow both forms.
 */
import { CONTROLS } from '../../../policies/catalog';
import { auditPathsAsync } from '../../../policies/gate';
import { moduleDir, removeModuleDirs } from './tmp-module';

afterAll(removeModuleDirs);

const tf = (dropletTag: string, otherTag: string) => `
resource "digitalocean_tag" "web" {
  name = "web"
}
resource "digitalocean_droplet" "d" {
  name  = "d"
  region = "fra1"
  size  = "s-1vcpu-1gb"
  image = "debian-12-x64"
  tags  = [${dropletTag}]
}
resource "digitalocean_firewall" "f" {
  name = "f"
  tags = [${otherTag}]
}
resource "digitalocean_monitor_alert" "a" {
  for_each    = toset(["v1/insights/droplet/cpu", "v1/insights/droplet/memory_utilization_percent", "v1/insights/droplet/disk_utilization_percent"])
  type        = each.key
  compare     = "GreaterThan"
  value       = 90
  window      = "5m"
  enabled     = true
  description = "capacity"
  tags        = [${otherTag}]
  alerts {
    email = ["ops@example.com"]
  }
}
`;

const statuses = async (id: string, dropletTag: string, otherTag: string) => {
  const result = await auditPathsAsync({ paths: [moduleDir({ 'main.tf': tf(dropletTag, otherTag) })], controls: CONTROLS.filter((c) => c.id === id) });
  return result.findings.filter((f) => f.address === 'digitalocean_droplet.d').map((f) => f.status);
};

describe.each(['TOM-NET-01', 'TOM-MON-01'])('%s follows tag references in both forms', (id) => {
  it.each([
    ['.name', '.id', 'digitalocean_tag.web.name', 'digitalocean_tag.web.id'],
    ['.id', '.name', 'digitalocean_tag.web.id', 'digitalocean_tag.web.name'],
    ['the literal name', '.id', '"web"', 'digitalocean_tag.web.id'],
  ])('droplet by %s, firewall/alert by %s', async (_, __, dropletTag, otherTag) => {
    expect(await statuses(id, dropletTag, otherTag)).toEqual(['pass']);
  });

  it('fails when the tags differ', async () => {
    expect(await statuses(id, '"api"', 'digitalocean_tag.web.id')).toEqual(['fail']);
  });
});
