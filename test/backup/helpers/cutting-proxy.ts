/**
 * A TCP proxy on 127.0.0.1 that plays "S3 goes down mid-upload": it forwards
 * faithfully until the client has sent `cutAfterBytes` in total, then drops
 * every connection and stops listening, so retries find nothing.
 */
import * as net from 'node:net';

export interface CuttingProxy {
  readonly endpoint: string;
  readonly cut: Promise<void>;
  close(): Promise<void>;
}

export async function startCuttingProxy(targetPort: number, cutAfterBytes: number): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  let sent = 0;
  let markCut: () => void = () => undefined;
  const cut = new Promise<void>((resolve) => (markCut = resolve));
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (sent > cutAfterBytes) {
        server.close();
        for (const socket of sockets) socket.destroy();
        markCut();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
      if (!server.listening) resolve();
    }),
  };
}
