/**
 * An HTTP proxy on 127.0.0.1 in front of s3rver that plays "the pod is
 * evicted mid-upload": it forwards everything faithfully, but holds every
 * multipart part upload (UploadPart) without answering, and reports when the
 * first one arrives, so a test can send SIGTERM while parts are in flight.
 *
 * s3rver lacks two calls a real store has and the runner uses when it is
 * stopped; the proxy answers them from s3rver's own storage folder:
 * ListMultipartUploads (GET /BUCKET?uploads) and AbortMultipartUpload
 * (DELETE /BUCKET/KEY?uploadId=ID, which removes the upload and its parts).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface HoldingProxy {
  readonly endpoint: string;
  /** Resolves when the first part upload arrives (and is held). */
  readonly partHeld: Promise<void>;
  /** Upload ids aborted through the proxy. */
  readonly aborted: string[];
  /** Multipart uploads s3rver still holds parts or state for, as `key` → upload ids. */
  openUploads(): Map<string, string[]>;
  close(): Promise<void>;
}

export async function startHoldingProxy(s3Endpoint: string, s3Directory: string, bucket: string): Promise<HoldingProxy> {
  const target = new URL(s3Endpoint);
  const uploadsDir = path.join(s3Directory, bucket, '._S3rver_uploads');
  const aborted: string[] = [];
  const held = new Set<IncomingMessage>();
  let markHeld: () => void = () => undefined;
  const partHeld = new Promise<void>((resolve) => (markHeld = resolve));

  const openUploads = (): Map<string, string[]> => {
    const open = new Map<string, string[]>();
    let ids: string[] = [];
    try {
      ids = readdirSync(uploadsDir);
    } catch {
      return open;
    }
    for (const id of ids) {
      const key = readFileSync(path.join(uploadsDir, id, 'key'), 'utf8');
      open.set(key, [...(open.get(key) ?? []), id]);
    }
    return open;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, urlBucket, ...keyParts] = url.pathname.split('/');
    if (req.method === 'PUT' && url.searchParams.has('uploadId') && url.searchParams.has('partNumber')) {
      held.add(req);
      req.once('close', () => held.delete(req));
      markHeld();
      return;
    }
    if (req.method === 'DELETE' && url.searchParams.has('uploadId')) {
      const id = url.searchParams.get('uploadId') ?? '';
      aborted.push(id);
      rmSync(path.join(uploadsDir, path.basename(id)), { recursive: true, force: true });
      req.resume();
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && url.searchParams.has('uploads') && keyParts.length === 0) {
      const prefix = url.searchParams.get('prefix') ?? '';
      const uploads = [...openUploads()].filter(([uploadKey]) => uploadKey.startsWith(prefix))
        .flatMap(([uploadKey, ids]) => ids.map((id) => `<Upload><Key>${escapeXml(uploadKey)}</Key><UploadId>${id}</UploadId></Upload>`));
      res.writeHead(200, { 'content-type': 'application/xml' }).end(
        `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${urlBucket}</Bucket><Prefix>${escapeXml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>${uploads.join('')}</ListMultipartUploadsResult>`,
      );
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    partHeld,
    aborted,
    openUploads,
    close: () =>
      new Promise<void>((resolve) => {
        for (const req of held) req.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
