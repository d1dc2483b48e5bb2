/**
 * The manifest is the last object of a backup: its presence is what makes a
 * backup complete. It records every data object's size and SHA-256 (checked
 * before a restore), who wrote it, for whom it is encrypted and, for a
 * database, the row count of every table in the very snapshot that was
 * dumped, so a drill can prove the restore without the source.
 */
import { z } from 'zod';

export const MANIFEST_FORMAT = 'eu-tom-kit/backup-manifest/v1';

const tableCount = z.object({ schema: z.string(), table: z.string(), rows: z.number().int().nonnegative() });

const dataObject = z.object({
  key: z.string().min(1),
  role: z.enum(['pg_dump', 'files_tar']),
  /** Ciphertext bytes as stored. */
  bytes: z.number().int().nonnegative(),
  /** Hex SHA-256 of the ciphertext as stored. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Bytes before encryption (the pg_dump or tar output). */
  plaintextBytes: z.number().int().nonnegative(),
});

const source = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('postgres'),
    host: z.string(),
    port: z.number().int(),
    database: z.string(),
    serverVersion: z.string(),
  }),
  z.object({
    kind: z.literal('files'),
    name: z.string(),
    host: z.string(),
    paths: z.array(z.string()),
  }),
]);

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  created: z.iso.datetime(),
  source,
  tool: z.object({ name: z.string(), version: z.string(), dumper: z.string() }),
  encryption: z.object({ scheme: z.literal('age'), recipients: z.array(z.string()).min(1) }),
  objects: z.array(dataObject).min(1),
  tables: z.array(tableCount).optional(),
  durationMs: z.number().nonnegative(),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestObject = z.infer<typeof dataObject>;
export type TableCount = z.infer<typeof tableCount>;
export type ManifestSource = z.infer<typeof source>;

/** A manifest from its JSON text, or the reason it is not one. */
export function parseManifest(text: string): { manifest: BackupManifest } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  const result = manifestSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { problem: `${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}` };
  }
  return { manifest: result.data };
}
