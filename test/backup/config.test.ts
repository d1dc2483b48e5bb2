/** Settings and arguments: every bad input is one line naming the variable, exit 2. No servers needed. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_CONFIG } from '../../backup/cli';
import { loadDrillConfig, loadRotateConfig, loadRunConfig } from '../../backup/config';
import { ConfigError } from '../../backup/errors';
import { parseKey, stampOf } from '../../backup/keys';
import { runCli } from './helpers/runner';

const RECIPIENT = `age1${'q'.repeat(58)}`;
const VALID = {
  PGDATABASE: 'app', BACKUP_BUCKET: 'eu-backups', AWS_REGION: 'eu-central-1', BACKUP_AGE_RECIPIENTS: RECIPIENT,
};
let tmp: string;
let identityFile: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'backup-config-test-'));
  identityFile = path.join(tmp, 'key.txt');
  writeFileSync(identityFile, `# public key: ${RECIPIENT}\nAGE-SECRET-KEY-1${'Q'.repeat(58)}\n`);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('run settings', () => {
  test('defaults follow libpq and the issue: prefix "backups", PGDATABASE as the one database, AWS itself', () => {
    const config = loadRunConfig({ ...VALID, PGHOST: 'db.internal', PGPASSWORD: 'from-a-secret' });
    expect(config).toMatchObject({
      databases: ['app'], recipients: [RECIPIENT], files: undefined,
      source: { host: 'db.internal', port: 5432, password: 'from-a-secret' },
      s3: { bucket: 'eu-backups', prefix: 'backups', region: 'eu-central-1', endpoint: undefined, forcePathStyle: false, credentials: undefined },
    });
  });

  test('BACKUP_DATABASES lists several databases and wins over PGDATABASE', () => {
    expect(loadRunConfig({ ...VALID, BACKUP_DATABASES: 'app, billing ,app' }).databases).toEqual(['app', 'billing']);
  });

  test.each([
    [{ BACKUP_BUCKET: '' }, /^BACKUP_BUCKET is not set/],
    [{ BACKUP_BUCKET: 'Bad_Bucket' }, /^BACKUP_BUCKET="Bad_Bucket" is not allowed/],
    [{ AWS_REGION: '' }, /^AWS_REGION is not set/],
    [{ AWS_REGION: 'us-east-1' }, /^AWS_REGION="us-east-1" is not allowed: backups stay in the EU/],
    [{ AWS_ENDPOINT_URL_S3: 'http://minio.example.eu:9000' }, /^AWS_ENDPOINT_URL_S3=.* plain http:\/\/ is accepted for 127\.0\.0\.1/],
    [{ AWS_ENDPOINT_URL_S3: 'not a url' }, /^AWS_ENDPOINT_URL_S3="not a url" is not allowed/],
    [{ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' }, /^AWS_SECRET_ACCESS_KEY is not set: .* together/],
    [{ BACKUP_S3_PATH_STYLE: 'yes' }, /^BACKUP_S3_PATH_STYLE="yes" is not allowed: it must be "true" or "false"/],
    [{ BACKUP_PREFIX: '../other' }, /^BACKUP_PREFIX="..\/other" is not allowed/],
    [{ BACKUP_PREFIX: '/abs' }, /^BACKUP_PREFIX="\/abs" is not allowed/],
    [{ PGPORT: '5432x' }, /^PGPORT="5432x" is not allowed: it must be a whole number from 1 to 65535/],
    [{ PGDATABASE: '' }, /^BACKUP_DATABASES \(or PGDATABASE\) is not set/],
    [{ BACKUP_AGE_RECIPIENTS: '' }, /^BACKUP_AGE_RECIPIENTS is not set/],
    [{ BACKUP_AGE_RECIPIENTS: `AGE-SECRET-KEY-1${'Q'.repeat(58)}` }, /^BACKUP_AGE_RECIPIENTS holds a private key/],
    [{ BACKUP_AGE_RECIPIENTS: 'ssh-ed25519 AAAA' }, /^BACKUP_AGE_RECIPIENTS entry "ssh-ed25519" is not allowed/],
    [{ BACKUP_PATHS: 'relative/dir' }, /^BACKUP_PATHS entry "relative\/dir" is not allowed: .* absolute/],
    [{ BACKUP_PATHS: '/no/such/dir' }, /^BACKUP_PATHS entry "\/no\/such\/dir" does not exist/],
    [{ BACKUP_NOW: 'yesterday' }, /^BACKUP_NOW="yesterday" is not allowed: it must be an ISO 8601 time/],
    [{ BACKUP_DATABASES: 'x'.repeat(64) }, /^BACKUP_DATABASES entry "x+" is not allowed: .* at most 63 bytes/],
    [{ BACKUP_PART_SIZE_MIB: '4' }, /^BACKUP_PART_SIZE_MIB="4" is not allowed: it must be a whole number from 5 to 5120 \(S3's smallest and largest part size, in MiB\)\.$/],
    [{ BACKUP_PART_SIZE_MIB: '5121' }, /^BACKUP_PART_SIZE_MIB="5121" is not allowed: it must be a whole number from 5 to 5120/],
    [{ BACKUP_PART_SIZE_MIB: '16MiB' }, /^BACKUP_PART_SIZE_MIB="16MiB" is not allowed: it must be a whole number from 5 to 5120/],
    [{ BACKUP_PART_SIZE_MIB: '8.5' }, /^BACKUP_PART_SIZE_MIB="8.5" is not allowed: it must be a whole number from 5 to 5120/],
  ])('%j is refused with one clear line', (change, message) => {
    expect(() => loadRunConfig({ ...VALID, ...change })).toThrow(ConfigError);
    expect(() => loadRunConfig({ ...VALID, ...change })).toThrow(message);
  });

  test('the upload part size is 16 MiB unless BACKUP_PART_SIZE_MIB sets it, S3\'s bounds included', () => {
    expect(loadRunConfig(VALID).partSizeBytes).toBe(16 * 1024 * 1024);
    expect(loadRunConfig({ ...VALID, BACKUP_PART_SIZE_MIB: '5' }).partSizeBytes).toBe(5 * 1024 * 1024);
    expect(loadRunConfig({ ...VALID, BACKUP_PART_SIZE_MIB: '5120' }).partSizeBytes).toBe(5120 * 1024 * 1024);
  });

  test('a file archive may not share its name with a database', () => {
    expect(() => loadRunConfig({ ...VALID, PGDATABASE: 'files', BACKUP_PATHS: tmp })).toThrow(/^BACKUP_PATHS_NAME="files" is not allowed: a database/);
  });

  test('loopback S3 over http and a file-only job are fine', () => {
    const config = loadRunConfig({ ...VALID, PGDATABASE: undefined, BACKUP_PATHS: tmp, AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568', BACKUP_S3_PATH_STYLE: 'true', AWS_REGION: 'us-east-1' });
    expect(config).toMatchObject({ databases: [], files: { name: 'files', paths: [tmp] }, s3: { endpoint: 'http://127.0.0.1:4568', forcePathStyle: true } });
  });
});

describe('rotate and restore-drill settings', () => {
  test('rotation needs no database or key settings, and retention defaults to 14 days', () => {
    expect(loadRotateConfig({ BACKUP_BUCKET: 'eu-backups', AWS_REGION: 'eu-west-1' }).retentionDays).toBe(14);
    expect(() => loadRotateConfig({ ...VALID, BACKUP_RETENTION_DAYS: '0' })).toThrow(/^BACKUP_RETENTION_DAYS="0" is not allowed/);
  });

  test('the drill restores into <database>_restore_drill on the source server unless RESTORE_PG* say otherwise', () => {
    const config = loadDrillConfig({ ...VALID, BACKUP_AGE_IDENTITY_FILE: identityFile, PGHOST: 'prod-db', RESTORE_PGHOST: 'scratch-db' });
    expect(config.targetDatabase.get('app')).toBe('app_restore_drill');
    expect(config.target.host).toBe('scratch-db');
    expect(config.identities).toHaveLength(1);
  });

  test.each([
    [{ BACKUP_AGE_IDENTITY_FILE: '' }, /^BACKUP_AGE_IDENTITY_FILE is not set/],
    [{ BACKUP_AGE_IDENTITY_FILE: '/no/such/key' }, /^BACKUP_AGE_IDENTITY_FILE="\/no\/such\/key" cannot be read \(ENOENT\)/],
    [{ RESTORE_PGDATABASE: 'app' }, /^RESTORE_PGDATABASE="app" is not allowed: it is the source database itself/],
    [{ BACKUP_DATABASES: 'app,billing', RESTORE_PGDATABASE: 'drill' }, /^RESTORE_PGDATABASE="drill" names one restore target but BACKUP_DATABASES lists 2/],
  ])('%j is refused', (change, message) => {
    expect(() => loadDrillConfig({ ...VALID, BACKUP_AGE_IDENTITY_FILE: identityFile, ...change })).toThrow(message);
  });

  test('an identity file holding a public key is refused', () => {
    const publicOnly = path.join(tmp, 'public.txt');
    writeFileSync(publicOnly, `${RECIPIENT}\n`);
    expect(() => loadDrillConfig({ ...VALID, BACKUP_AGE_IDENTITY_FILE: publicOnly })).toThrow(/is not an age identity file/);
  });
});

describe('case 18: the injected clock is a strict ISO 8601 time that round-trips', () => {
  test.each([
    '2025-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2025-04-31T00:00:00Z', '2025-13-01T00:00:00Z', '2025-00-10T00:00:00Z',
    '2025-01-01T24:00:00Z', '2025-01-01T23:60:00Z', '2025-01-01T23:59:60Z', '2025-01-01T00:00:00', '2025-01-01T00:00:00+24:00',
    '2025-01-01T00:00:00+01:60', '2025-01-01', '2025-1-1T00:00:00Z', '+002025-01-01T00:00:00Z', '2025-01-01 00:00:00Z', '2025-01-01T00:00:00z', '1735689600',
  ])('case 18 sibling: BACKUP_NOW=%j is refused, not shifted', (value) => {
    expect(() => loadRotateConfig({ ...VALID, BACKUP_NOW: value })).toThrow(ConfigError);
    expect(() => loadRotateConfig({ ...VALID, BACKUP_NOW: value })).toThrow(`BACKUP_NOW=${JSON.stringify(value)} is not allowed: it must be an ISO 8601 time YYYY-MM-DDTHH:mm[:ss[.fff]] with Z or an offset ±HH:mm, on a real calendar date`);
  });

  test.each([
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['2025-01-31T03:00:00+01:00', '2025-01-31T02:00:00.000Z'],
    ['2025-01-31T00:30-02:30', '2025-01-31T03:00:00.000Z'],
    ['2025-01-31T02:00:00.123456Z', '2025-01-31T02:00:00.123Z'],
    ['2025-12-31T23:59:59Z', '2025-12-31T23:59:59.000Z'],
  ])('case 18 sibling: %s is read as %s', (value, expected) => {
    expect(loadRotateConfig({ ...VALID, BACKUP_NOW: value }).now.toISOString()).toBe(expected);
  });
});

describe('command line', () => {
  test.each([
    [[], /^no command given; usage: backup run/],
    [['backup'], /^unknown command "backup"/],
    [['run', '--dry-run'], /^unknown argument "--dry-run" for run/],
    [['rotate', '--now', 'soon'], /^--now="soon" is not allowed/],
    [['rotate'], /^BACKUP_BUCKET is not set/],
  ])('%j exits 2 with one error line and no summary', async (argv, message) => {
    const result = await runCli(argv, { AWS_REGION: 'eu-central-1' });
    expect(result.code).toBe(EXIT_CONFIG);
    expect(result.errors).toEqual([expect.stringMatching(message)]);
    expect(result.summaries).toEqual([]);
  });

  test('run with a part size below S3\'s smallest exits 2 naming the setting, the value and the range', async () => {
    const result = await runCli(['run'], { ...VALID, BACKUP_PART_SIZE_MIB: '1' });
    expect(result.code).toBe(EXIT_CONFIG);
    expect(result.errors).toEqual(["BACKUP_PART_SIZE_MIB=\"1\" is not allowed: it must be a whole number from 5 to 5120 (S3's smallest and largest part size, in MiB)."]);
    expect(result.summaries).toEqual([]);
  });
});

describe('keys', () => {
  test('stamps are whole UTC seconds without colons and read back', () => {
    const stamp = stampOf(new Date('2025-01-31T02:03:04.567Z'));
    expect(stamp).toBe('2025-01-31T02-03-04Z');
    expect(parseKey('backups', `backups/app/${stamp}/manifest.json`)).toMatchObject({ segment: 'app', name: 'manifest.json', time: new Date('2025-01-31T02:03:04Z') });
  });

  test('keys outside the layout are not recognised', () => {
    expect(parseKey('backups', 'backups-old/app/2025-01-31T02-03-04Z/manifest.json')).toBeUndefined();
    expect(parseKey('backups', 'backups/app/latest/manifest.json')).toBeUndefined();
    expect(parseKey('backups', 'backups/README.txt')).toBeUndefined();
  });
});
