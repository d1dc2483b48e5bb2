/**
 * Finding credentials in attribute values, for TOM-SEC-01 (a secret-named
 * attribute holds a literal) and TOM-SEC-02 (a value has the shape of a
 * well-known token). Findings name the attribute path and the kind of secret,
 * never the value itself, so a report cannot leak what it found.
 */
import type { Values } from '../../../values';
import { isRecord } from '../../../values';

export interface SecretHit {
  /** Attribute path, e.g. `provider.token` → `token`, `spec.env[2].value`. */
  readonly path: string;
  /** What was found, without the value: `a secret-named attribute`, `a DigitalOcean API token`. */
  readonly what: string;
}

/** `MasterUserPassword` / `auth.password` / `PGPASSWORD` → `master_user_password` / `auth_password` / `pgpassword`. */
const snake = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();

/** Names that hold a secret (by their ending): `db_password`, `api_token`, `tunnel_secret`, `secret_access_key`. */
const SECRET_NAME = /(password|passwd|passphrase|secret|token|private_key|access_key|secret_key|api_key|apikey|secret_string)$/;

/** Attribute names repeat across thousands of resources; remembering the answer keeps the scan linear and cheap. */
const nameCache = new Map<string, boolean>();
const NAME_CACHE_LIMIT = 50_000;

export function isSecretName(key: string): boolean {
  let known = nameCache.get(key);
  if (known === undefined) {
    known = SECRET_NAME.test(snake(key));
    if (nameCache.size < NAME_CACHE_LIMIT) nameCache.set(key, known);
  }
  return known;
}

/**
 * A string that stands for a value kept elsewhere, not the value: Terraform
 * interpolations, CloudFormation dynamic references, App Platform encrypted
 * values (`EV[1:…]`). Booleans written as strings are not secrets either.
 */
export function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.includes('${') || v.startsWith('{{resolve:') || v.startsWith('EV[')) return false;
  return v !== 'true' && v !== 'false';
}

/**
 * Attributes the provider computes and returns (a plan of existing
 * infrastructure shows them), so their value is output, not code.
 */
const COMPUTED_SECRETS: Readonly<Record<string, readonly string[]>> = {
  digitalocean_database_cluster: ['password', 'ui_password'],
  digitalocean_database_replica: ['password'],
  digitalocean_database_user: ['password', 'access_key', 'access_cert'],
  digitalocean_database_connection_pool: ['password'],
  digitalocean_kubernetes_cluster: ['kube_config'],
  digitalocean_spaces_key: ['access_key', 'secret_key'],
  digitalocean_container_registry_docker_credentials: ['docker_credentials'],
  cloudflare_api_token: ['value'],
  cloudflare_account_token: ['value'],
  cloudflare_user_api_token: ['value'],
};

/** `path()` builds the attribute path only when a check reports it; `top` is the top-level attribute. */
type Visit = (key: string, value: string, parent: Values, path: () => string, top: string) => void;

/** Calls `visit` for every string in `values`; skips the given top-level keys. */
export function walkStrings(values: Values, visit: Visit, skipTop: readonly string[] = []): void {
  // Keys and indexes as they are: the path text is built only when a check reports it (every resource is walked twice).
  const segments: (string | number)[] = [];
  const path = (): string => segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  const walk = (v: unknown, key: string, parent: Values): void => {
    if (typeof v === 'string') visit(key, v, parent, path, segments[0] as string);
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        segments.push(i);
        walk(v[i], key, parent);
        segments.pop();
      }
    } else if (isRecord(v)) {
      for (const k of Object.keys(v)) {
        segments.push(k);
        walk(v[k], k, v);
        segments.pop();
      }
    }
  };
  for (const k of Object.keys(values)) {
    if (skipTop.includes(k)) continue;
    segments.push(k);
    walk(values[k], k, values);
    segments.pop();
  }
}

const field = (o: Values, names: readonly string[]): unknown => {
  for (const n of names) if (n in o) return o[n];
  return undefined;
};

/**
 * Literal values under secret names. Two forms: an attribute named like a
 * secret (`token = "…"`), and a name/value pair whose name is (`env { name =
 * "DB_PASSWORD" value = "…" }`, helm `set`, ECS `{ Name, Value }`); every
 * literal in a helm `set_sensitive` block counts too.
 */
export function secretLiterals(type: string, values: Values): SecretHit[] {
  const hits: SecretHit[] = [];
  walkStrings(
    values,
    (key, value, parent, path, top) => {
      if (key === 'value' || key === 'Value') {
        if (!isLiteralSecret(value)) return;
        const name = field(parent, ['name', 'key', 'Name', 'Key']);
        if (top === 'set_sensitive') hits.push({ path: path(), what: 'a set_sensitive value' });
        else if (typeof name === 'string' && isSecretName(name)) hits.push({ path: path(), what: `the value of "${name}"` });
      } else if (isSecretName(key) && isLiteralSecret(value)) {
        hits.push({ path: path(), what: 'a secret-named attribute' });
      }
    },
    COMPUTED_SECRETS[type] ?? [],
  );
  return hits;
}

interface TokenShape {
  readonly what: string;
  readonly pattern: RegExp;
}

/** Token formats whose shape alone identifies them. */
const TOKEN_SHAPES: readonly TokenShape[] = [
  { what: 'a DigitalOcean API token', pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/ },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a PEM private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { what: 'an age secret key', pattern: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[0-9A-Za-z-]{10,}/ },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/ },
];

/**
 * Cloudflare API tokens are 40 characters of [A-Za-z0-9_-] with no prefix.
 * Only a whole value of that shape mixing upper case, lower case and digits
 * counts, which leaves out hex digests (lower case only) and ordinary words.
 */
function looksLikeCloudflareToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{40}$/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value);
}

/** CloudFormation keys whose strings are logical ids, never secrets. */
const LOGICAL_ID_KEYS = new Set(['Ref', 'Fn::GetAtt', 'DependsOn', 'Condition']);

/** Cheap first pass: only a string containing one of these markers can match TOKEN_SHAPES. */
const ANY_MARKER = /do[por]_v1_|AKIA|ASIA|PRIVATE KEY-----|AGE-SECRET-KEY-1|xox[abposr]-|gh[pousr]_|github_pat_/;

/** Strings anywhere in `values` that have the shape of a known token. */
export function tokenShapes(type: string, values: Values): SecretHit[] {
  const hits: SecretHit[] = [];
  walkStrings(
    values,
    (key, value, _parent, path) => {
      if (value.length < 16 || LOGICAL_ID_KEYS.has(key)) return;
      const shape = ANY_MARKER.test(value) ? TOKEN_SHAPES.find((s) => s.pattern.test(value)) : undefined;
      if (shape) hits.push({ path: path(), what: shape.what });
      else if (value.length <= 48 && looksLikeCloudflareToken(value.trim())) hits.push({ path: path(), what: 'a Cloudflare API token (40 characters)' });
    },
    COMPUTED_SECRETS[type] ?? [],
  );
  return hits;
}
