/**
 * DNS records as web hostnames, for the edge controls on `cloudflare_dns_record`
 * (provider v5) and `cloudflare_record` (v4).
 */
import type { InventoryIndex, InventoryResource } from '../../../types';
import { groupedBy, stackKey } from '../../../index-lookup';
import { zoneKey } from './zone';

/** Record types that can carry web traffic through the Cloudflare proxy. */
const PROXYABLE_TYPES: readonly string[] = ['A', 'AAAA', 'CNAME'];

/** A DNS name as compared: trimmed, lower-case, without the trailing dot. */
export const normalise = (name: string): string => name.trim().toLowerCase().replace(/\.$/, '');

/**
 * True for A/AAAA/CNAME records that name a web host. Labels starting with
 * `_` (`_acme-challenge`, `selector._domainkey`) are verification and service
 * records that must stay unproxied, so they are not web hostnames.
 */
export function isWebRecord(record: InventoryResource): boolean {
  const { type, name } = record.values;
  if (typeof type !== 'string' || !PROXYABLE_TYPES.includes(type.toUpperCase())) return false;
  return typeof name !== 'string' || !normalise(name).split('.').some((label) => label.startsWith('_'));
}

/** The domain of the `cloudflare_zone` the record belongs to, when the same stack manages it. */
function zoneDomain(record: InventoryResource, index: InventoryIndex): string | undefined {
  const key = zoneKey(record, index);
  const zone = key?.startsWith('cloudflare_zone.') ? index.byAddress(key, record.stack) : undefined;
  const name = zone?.values.name;
  return typeof name === 'string' ? normalise(name) : undefined;
}

/**
 * The record's hostname, lower-case without a trailing dot. v5 names are full
 * FQDNs; `@` and v4-style relative names are completed with the zone's domain
 * when the stack manages the zone, and returned as written otherwise.
 */
export function recordHostname(record: InventoryResource, index: InventoryIndex): string {
  const raw = record.values.name;
  const name = typeof raw === 'string' ? normalise(raw) : '';
  const domain = zoneDomain(record, index);
  if (!domain) return name;
  if (name === '@' || name === '') return domain;
  return name === domain || name.endsWith(`.${domain}`) ? name : `${name}.${domain}`;
}

/**
 * True when a regional hostname pattern covers the record's hostname: equal
 * names, a one-level wildcard (`*.example.com` covers `app.example.com`), or,
 * for a relative record name in the same zone, the same leading labels.
 */
export function hostnameCovers(pattern: string, hostname: string, sameZone: boolean): boolean {
  const p = normalise(pattern);
  if (p === hostname) return true;
  if (p.startsWith('*.')) {
    const suffix = p.slice(1);
    return hostname.endsWith(suffix) && !hostname.slice(0, -suffix.length).includes('.');
  }
  return sameZone && !hostname.includes('.') && p.startsWith(`${hostname}.`);
}

/** Regional hostnames per `stack\0hostname` and `stack\0label:<first label>`, built once per audit. */
const regionalHostnamesByName = groupedBy('cloudflare_regional_hostname', (r) => {
  const h = typeof r.values.hostname === 'string' ? normalise(r.values.hostname) : undefined;
  return h ? [stackKey(r.stack, h), stackKey(r.stack, `label:${h.split('.')[0]}`)] : [];
});

/**
 * The record's stack's `cloudflare_regional_hostname`s that cover `hostname`
 * (see `hostnameCovers`). Looked up by exact name, by the one-level wildcard
 * of its parent, and, for a relative name, by first label; never by scanning.
 */
export function regionalHostnamesCovering(record: InventoryResource, hostname: string, index: InventoryIndex): InventoryResource[] {
  const table = regionalHostnamesByName(index);
  const keys = hostname.includes('.')
    ? [hostname, `*${hostname.slice(hostname.indexOf('.'))}`]
    : [hostname, `label:${hostname}`];
  const candidates = new Set(keys.flatMap((k) => table.get(stackKey(record.stack, k)) ?? []));
  const zone = zoneKey(record, index);
  return [...candidates].filter((r) => hostnameCovers(r.values.hostname as string, hostname, zoneKey(r, index) === zone));
}
