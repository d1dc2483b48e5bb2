/**
 * Terraform module throughput: 1,000 `.tf` files (10 root modules of 100
 * files, 10 resources each, with variables, locals, count, for_each and
 * dynamic blocks) parsed with hcl2json, evaluated and audited in-process,
 * the first run included (what a CI job pays). Target: read + audit of
 * about 10,000 resources under 3 s. hcl2json's parse is CPU-bound in its Go
 * WebAssembly build (concatenating a folder's files into one call does not
 * make it faster), so it dominates the figure.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONTROLS } from '../policies/catalog/index';
import { audit } from '../policies/engine';
import { readInventoryAsync } from '../policies/inventory';

const MODULES = 10;
const FILES_PER_MODULE = 100;

const VARIABLES = `variable "env" {
  type    = string
  default = "prod"
}

variable "region" {
  type    = string
  default = "fra1"
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["203.0.113.0/24"]
}

locals {
  name  = "shop-\${var.env}"
  ports = ["80", "443"]
}
`;

/** One file: 10 resources (2 droplets by count, 2 buckets by for_each, firewall, volume, vpc, lb, record, tag). */
function hclFile(i: number): string {
  return `resource "digitalocean_vpc" "v${i}" {
  name     = "\${local.name}-v${i}"
  region   = var.region
  ip_range = "10.${i % 250}.0.0/20"
}

resource "digitalocean_tag" "t${i}" {
  name = "\${local.name}-t${i}"
}

resource "digitalocean_droplet" "d${i}" {
  count    = 2
  name     = format("%s-d${i}-%d", local.name, count.index)
  region   = var.region
  size     = "s-1vcpu-1gb"
  image    = "debian-12-x64"
  vpc_uuid = digitalocean_vpc.v${i}.id
  ssh_keys = ["4123456${i % 10}"]
  tags     = [digitalocean_tag.t${i}.name]
  monitoring = true
}

resource "digitalocean_spaces_bucket" "b${i}" {
  for_each = toset(["media", "logs"])
  name     = "\${local.name}-\${each.key}-${i}"
  region   = var.region
  acl      = "private"
  versioning {
    enabled = true
  }
}

resource "digitalocean_firewall" "f${i}" {
  name = "\${local.name}-f${i}"
  tags = [digitalocean_tag.t${i}.id]
  dynamic "inbound_rule" {
    for_each = local.ports
    content {
      protocol                  = "tcp"
      port_range                = inbound_rule.value
      source_load_balancer_uids = [digitalocean_loadbalancer.l${i}.id]
    }
  }
  inbound_rule {
    protocol         = "tcp"
    port_range       = "22"
    source_addresses = var.admin_cidrs
  }
}

resource "digitalocean_volume" "vol${i}" {
  name   = "vol${i}"
  region = var.region
  size   = 10
}

resource "digitalocean_loadbalancer" "l${i}" {
  name                   = "l${i}"
  region                 = var.region
  vpc_uuid               = digitalocean_vpc.v${i}.id
  redirect_http_to_https = true
  forwarding_rule {
    entry_port      = 443
    entry_protocol  = "https"
    target_port     = 80
    target_protocol = "http"
  }
}
`;
}

export function writeModules(dir: string): void {
  for (let m = 0; m < MODULES; m++) {
    const mod = join(dir, `service-${m}`);
    mkdirSync(mod, { recursive: true });
    writeFileSync(join(mod, 'variables.tf'), VARIABLES);
    for (let f = 0; f < FILES_PER_MODULE - 1; f++) writeFileSync(join(mod, `r${f}.tf`), hclFile(f));
  }
}

export interface TerraformTiming {
  readonly files: number;
  readonly resources: number;
  readonly readMs: number;
  readonly auditMs: number;
}

/** Reads (parse + evaluate) and audits the generated modules once, in-process, the first run included. */
export async function timeTerraformModules(): Promise<TerraformTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'tom-bench-tf-'));
  try {
    writeModules(dir);
    let t = performance.now();
    const inventory = await readInventoryAsync([dir]);
    const readMs = performance.now() - t;
    t = performance.now();
    audit({ inventory, controls: CONTROLS });
    const auditMs = performance.now() - t;
    return { files: MODULES * FILES_PER_MODULE, resources: inventory.resources.length, readMs, auditMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void timeTerraformModules().then((r) => console.log(r));
}
