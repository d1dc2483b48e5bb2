/**
 * Terraform module throughput: 1,000 `.tf` files (10 root modules of 100
 * files, 10 resources each, with variables, locals, count, for_each and
 * dynamic blocks) parsed with hcl2json, evaluated and audited in-process.
 * Each run is a fresh process, timed from the first read (modules already
 * loaded), so the parser's start-up is in the figure: what a CI job pays.
 * Target: read + audit of about 10,000 resources under 3 s, median of the runs.
 *
 * hcl2json's parse (HashiCorp's Go parser as WebAssembly) is CPU-bound: the
 * call itself costs microseconds, and one call on many files' text is no
 * faster than one call per file, so the reader parses on one worker thread
 * per core and the figure depends on the cores free.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

export interface TerraformRun {
  readonly resources: number;
  readonly readMs: number;
  readonly auditMs: number;
}

export interface TerraformTiming {
  readonly files: number;
  readonly resources: number;
  /** Fresh processes, by total time (read + audit). */
  readonly runs: readonly TerraformRun[];
}

const RUNS = 5;

/** Reads (parse + evaluate) and audits the modules in `dir` once, in this process. */
async function measure(dir: string): Promise<TerraformRun> {
  let t = performance.now();
  const inventory = await readInventoryAsync([dir]);
  const readMs = performance.now() - t;
  t = performance.now();
  audit({ inventory, controls: CONTROLS });
  return { resources: inventory.resources.length, readMs, auditMs: performance.now() - t };
}

/** How to run this file in a fresh process: through ts-node when it is the TypeScript source. */
const SELF = __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only', __filename] : [__filename];

/** `runs` measurements, each in a fresh process. */
export function timeTerraformModules(runs = RUNS): TerraformTiming {
  const dir = mkdtempSync(join(tmpdir(), 'tom-bench-tf-'));
  try {
    writeModules(dir);
    const results: TerraformRun[] = [];
    for (let i = 0; i < runs; i++) {
      const res = spawnSync(process.execPath, [...SELF, '--measure', dir], { cwd: resolve(__dirname, '..'), encoding: 'utf8' });
      if (res.status !== 0) throw new Error(`${__filename} --measure exited ${res.status}: ${res.stderr}`);
      results.push(JSON.parse(res.stdout.trim().split('\n').pop()!) as TerraformRun);
    }
    results.sort((a, b) => a.readMs + a.auditMs - (b.readMs + b.auditMs));
    return { files: MODULES * FILES_PER_MODULE, resources: results[0]?.resources ?? 0, runs: results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median run (by total) and the range of totals. */
export function summarise(t: TerraformTiming): { median: TerraformRun; minMs: number; maxMs: number } {
  const total = (r: TerraformRun): number => r.readMs + r.auditMs;
  return { median: t.runs[Math.floor(t.runs.length / 2)], minMs: total(t.runs[0]), maxMs: total(t.runs[t.runs.length - 1]) };
}

if (require.main === module) {
  const at = process.argv.indexOf('--measure');
  if (at > 0) void measure(process.argv[at + 1]).then((r) => console.log(JSON.stringify(r)));
  else {
    const t = timeTerraformModules();
    const { median, minMs, maxMs } = summarise(t);
    for (const r of t.runs) console.log(`read ${r.readMs.toFixed(0)} ms, audit ${r.auditMs.toFixed(0)} ms, total ${(r.readMs + r.auditMs).toFixed(0)} ms`);
    console.log(`${t.files} files, ${t.resources} resources: median total ${(median.readMs + median.auditMs).toFixed(0)} ms (min ${minMs.toFixed(0)}, max ${maxMs.toFixed(0)})`);
  }
}
