/**
 * Reading a Droplet's cloud-init `user_data` (`#cloud-config` YAML) so the host
 * IDS, SSH and patching checks can see what the host installs and configures.
 *
 * Only `#cloud-config` is readable: a shell script, a MIME multi-part or an
 * interpolation the audit cannot resolve fails with a reason saying so,
 * because "we could not see it" must never read as "it is there".
 */
import { parse } from 'yaml';
import type { InventoryResource } from '../../../types';
import { attr, isRecord, type Values } from '../../../values';

/** Resource types that boot from cloud-init user data, and where they keep it. */
const USER_DATA_PATHS: Readonly<Record<string, string>> = {
  digitalocean_droplet: 'user_data',
  digitalocean_droplet_autoscale: 'droplet_template.user_data',
};

export const CLOUD_INIT_TYPES: readonly string[] = Object.keys(USER_DATA_PATHS);

export interface CloudConfig {
  readonly ok: true;
  readonly doc: Values;
  /** Attribute path of the user data, e.g. `user_data`. */
  readonly path: string;
}

export type CloudConfigResult = CloudConfig | { readonly ok: false; readonly reason: string; readonly path: string };

const cache = new WeakMap<InventoryResource, CloudConfigResult>();

/** The parsed `#cloud-config` of a Droplet (or autoscale template). Memoised per resource. */
export function cloudConfig(resource: InventoryResource): CloudConfigResult {
  let result = cache.get(resource);
  if (!result) {
    result = read(resource);
    cache.set(resource, result);
  }
  return result;
}

function read(resource: InventoryResource): CloudConfigResult {
  const path = USER_DATA_PATHS[resource.type] ?? 'user_data';
  const raw = attr(resource.values, path);
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'has no user_data, so nothing installs or configures the host controls', path };
  const text = raw.trimStart();
  if (/^[0-9a-f]{40}$/i.test(text.trim())) {
    return { ok: false, reason: 'user_data is only a SHA-1 hash (plan JSON stores the hash); audit the synthesized cdk.tf.json to read it', path };
  }
  if (!text.startsWith('#cloud-config')) {
    const start = text.slice(0, 30).split('\n')[0];
    return { ok: false, reason: `user_data starts with "${start}", not "#cloud-config", so the audit cannot read what it installs`, path };
  }
  const key = `${path}\u0000${text}`;
  let parsed = PARSED.get(key);
  if (!parsed) {
    parsed = parseCloudConfig(text, path);
    if (PARSED.size >= 1_000) PARSED.clear();
    PARSED.set(key, parsed);
  }
  return parsed;
}

/**
 * Parsed documents by their text: an estate's Droplets mostly boot from a few
 * shared templates, and parsing the same YAML for each of thousands of them
 * was most of the audit's time. Checks only read the document.
 */
const PARSED = new Map<string, CloudConfigResult>();

function parseCloudConfig(text: string, path: string): CloudConfigResult {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return { ok: false, reason: `user_data is not valid YAML (${(e as Error).message.split('\n')[0]})`, path };
  }
  if (!isRecord(doc)) return { ok: false, reason: 'user_data #cloud-config holds no settings', path };
  return { ok: true, doc, path };
}

/** Package names of `packages:` (entries may be `name`, `name=version` or `[name, version]`). */
export function packages(doc: Values): Set<string> {
  const list = Array.isArray(doc.packages) ? doc.packages : [];
  const names = list.map((p) => (Array.isArray(p) ? p[0] : p)).filter((p): p is string => typeof p === 'string');
  return new Set(names.map((n) => n.split('=')[0].trim().toLowerCase()));
}

/** A `runcmd` / `bootcmd` entry: a shell string or an argv list. */
const commandText = (c: unknown): string => (Array.isArray(c) ? c.map(String).join(' ') : typeof c === 'string' ? c : '');

/** Contents of `write_files` (base64 entries decoded). */
function fileContents(doc: Values): string[] {
  const files = Array.isArray(doc.write_files) ? doc.write_files.filter(isRecord) : [];
  return files.map((f) => {
    const content = typeof f.content === 'string' ? f.content : '';
    const encoding = typeof f.encoding === 'string' ? f.encoding.toLowerCase() : '';
    return encoding === 'b64' || encoding === 'base64' ? Buffer.from(content, 'base64').toString('utf8') : content;
  });
}

/** Every text the host will execute or write: commands and file contents. */
export function scriptTexts(doc: Values): string[] {
  return [...fileContents(doc), ...commands(doc)];
}

const commands = (doc: Values): string[] =>
  ['bootcmd', 'runcmd'].flatMap((k) => (Array.isArray(doc[k]) ? (doc[k] as unknown[]).map(commandText) : []));

/**
 * Values given to an sshd_config keyword by the cloud-config, lower case,
 * e.g. `["no"]` for `PasswordAuthentication no`: every directive line of a
 * written file, and the last mention in each command (in
 * `sed 's/PasswordAuthentication yes/PasswordAuthentication no/'` the last
 * one is what the file ends up with).
 */
export function sshdSettings(doc: Values, keyword: string): string[] {
  const line = new RegExp(`^\\s*${keyword}\\s+([A-Za-z-]+)`, 'gim');
  const anywhere = new RegExp(`\\b${keyword}\\s+([A-Za-z-]+)`, 'gi');
  const fromFiles = fileContents(doc).flatMap((t) => [...t.matchAll(line)].map((m) => m[1]));
  const fromCommands = commands(doc).flatMap((t) => [...t.matchAll(anywhere)].slice(-1).map((m) => m[1]));
  return [...fromFiles, ...fromCommands].map((v) => v.toLowerCase());
}

/**
 * The alert routes the host scripts post findings to: the value of
 * `ALERT_WEBHOOK_URL=…` or `TOM_ALERT_WEBHOOK=…` (shell env file or YAML
 * `KEY: value`) anywhere in written files or commands.
 */
export function hostAlertRoutes(doc: Values): string[] {
  return scriptTexts(doc).flatMap((t) =>
    [...t.matchAll(/\b(?:TOM_ALERT_WEBHOOK|ALERT_WEBHOOK_URL)["']?\s*[=:]\s*["']?([^\s"']+)/g)].map((m) => m[1]),
  );
}

/** A top-level cloud-config key as a boolean, when it is one (`true`/`false`, `"yes"`/`"no"`). */
export function cloudBool(doc: Values, key: string): boolean | undefined {
  const v = doc[key];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (/^(true|yes|on)$/i.test(v)) return true;
    if (/^(false|no|off)$/i.test(v)) return false;
  }
  return undefined;
}

