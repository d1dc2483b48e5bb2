import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../backup/cli';
import type { Log } from '../../backup/log';

function memoryLog(): Log & { errors: string[] } {
  const errors: string[] = [];
  return { errors, progress: () => undefined, error: (l) => errors.push(l), summary: () => undefined };
}

describe('failure alerts', () => {
  let server: Server;
  let url: string;
  const received: Array<{ path: string; body: any }> = [];
  let status = 200;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(data) });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/backup`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    received.length = 0;
    status = 200;
  });

  it('posts the failed command, exit code and reason to ALERT_WEBHOOK_URL', async () => {
    const code = await main(['run'], { ALERT_WEBHOOK_URL: url, HOSTNAME: 'db-backup-123' }, memoryLog());
    expect(code).toBe(2);
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe('/hooks/backup');
    expect(received[0].body).toMatchObject({ source: 'tom-backup', host: 'db-backup-123', command: 'run', exitCode: 2, severity: 'error' });
    expect(received[0].body.message).toMatch(/[A-Z_]{4,}/);
  });

  it('keeps the exit code and logs when the webhook refuses', async () => {
    status = 500;
    const log = memoryLog();
    expect(await main(['rotate'], { ALERT_WEBHOOK_URL: url }, log)).toBe(2);
    expect(log.errors.join('\n')).toMatch(/alert webhook answered HTTP 500/);
  });

  it('never sends an alert over plain http outside loopback', async () => {
    const log = memoryLog();
    expect(await main(['run'], { ALERT_WEBHOOK_URL: 'http://alerts.example.eu/hook' }, log)).toBe(2);
    expect(log.errors.join('\n')).toMatch(/ALERT_WEBHOOK_URL=.* is not an https:\/\/ URL/);
    expect(received).toHaveLength(0);
  });
});
