/** An S3-compatible server (s3rver) in-process on 127.0.0.1 for one test file. */
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface TestS3 {
  readonly endpoint: string;
  /** s3rver's storage folder (objects, and multipart uploads in progress under BUCKET/._S3rver_uploads). */
  readonly directory: string;
  /** AWS_* and BACKUP_S3_PATH_STYLE for the runner (s3rver's fixed dummy keys). */
  readonly env: Record<string, string>;
  keys(bucket: string, prefix?: string): Promise<string[]>;
  get(bucket: string, key: string): Promise<Buffer>;
  put(bucket: string, key: string, body: Buffer | string): Promise<void>;
  metadata(bucket: string, key: string): Promise<Record<string, string>>;
  /** Sets an object's LastModified as s3rver reports it (the stored file's mtime; whole seconds). */
  setLastModified(bucket: string, key: string, time: Date): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3(buckets: readonly string[]): Promise<TestS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'backup-test-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: 'eu-central-1', endpoint, forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    directory,
    env: { AWS_ENDPOINT_URL_S3: endpoint, AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', BACKUP_S3_PATH_STYLE: 'true' },
    async keys(bucket, prefix) {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (page.Contents ?? []).map((item) => item.Key ?? '').sort();
    },
    async get(bucket, key) {
      const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await result.Body!.transformToByteArray());
    },
    async put(bucket, key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async metadata(bucket, key) {
      return (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).Metadata ?? {};
    },
    async setLastModified(bucket, key, time) {
      await utimes(path.join(directory, bucket, `${key}._S3rver_object`), time, time);
    },
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
