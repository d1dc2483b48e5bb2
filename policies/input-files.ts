/**
 * Files the audit reads (inputs, CDK manifests beside them, the waivers file),
 * read so that nothing the gate was pointed at is silently missed and nothing
 * can make it hang: symbolic links are followed and a dangling or looping one
 * is an error naming it, a folder, FIFO, socket or device where a file is
 * expected is refused (opened without blocking, so a FIFO cannot stall the
 * run), and every file-system error is an `InputError` in one line naming
 * the path and the reason.
 *
 * The file-system calls are injectable (`InputFs`) so tests can simulate what
 * a root test runner cannot produce for real, such as a permission error.
 */
import * as nodeFs from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { InputError } from './errors';
import { quoteForMessage } from './readers/json-text';

/** The file-system calls the audit's input side makes. */
export interface InputFs {
  readonly lstatSync: (path: string) => nodeFs.Stats;
  readonly statSync: (path: string) => nodeFs.Stats;
  readonly readdirSync: (path: string, options: { withFileTypes: true }) => nodeFs.Dirent[];
  readonly realpathSync: (path: string) => string;
  readonly readlinkSync: (path: string) => string;
  readonly openSync: (path: string, flags: number) => number;
  readonly fstatSync: (fd: number) => nodeFs.Stats;
  readonly readFileSync: (fd: number, encoding: 'utf8') => string;
  readonly closeSync: (fd: number) => void;
}

export const NODE_FS: InputFs = nodeFs;

/** How a path appears in messages and findings: relative to the working directory when inside it, with `/` separators. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  return shown.split(sep).join('/');
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'it does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ELOOP: 'symbolic links loop',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** `permission denied (EACCES)`, or the code alone when there is no plainer word for it. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (!code) return (err as Error)?.message?.split('\n')[0] ?? String(err);
  return REASONS[code] ? `${REASONS[code]} (${code})` : code;
}

/** What a non-regular file is, in words. */
export function kindOf(stats: nodeFs.Stats | nodeFs.Dirent): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'a regular file';
}

/**
 * Why `path` cannot be reached when `stat` (which follows links) failed: a
 * dangling or looping symbolic link is named as such, with its target.
 */
export function unreachable(path: string, err: unknown, fs: InputFs = NODE_FS): InputError {
  const shown = displayPath(path);
  let link: string | undefined;
  try {
    if (fs.lstatSync(path).isSymbolicLink()) link = fs.readlinkSync(path);
  } catch {
    // not there at all: the plain reason below says so
  }
  const code = (err as NodeJS.ErrnoException)?.code;
  if (link !== undefined && code === 'ENOENT') {
    return new InputError(`${shown}: a symbolic link to ${quoteForMessage(link)}, which does not exist (dangling link); fix or remove the link.`);
  }
  if (link !== undefined && code === 'ELOOP') {
    return new InputError(`${shown}: a symbolic link to ${quoteForMessage(link)} that loops back on itself; fix or remove the link.`);
  }
  return new InputError(`${shown}: cannot be read: ${fsReason(err)}.`);
}

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer. Absent on Windows (no FIFOs there).
const OPEN_FLAGS = nodeFs.constants.O_RDONLY | (nodeFs.constants.O_NONBLOCK ?? 0);

/**
 * The text of a regular file (links followed). Anything else (a folder, FIFO,
 * socket, device, a dangling link, a file that cannot be opened) is an
 * `InputError` naming `path` in one line; `what` says what was expected there.
 */
export function readRegularFile(path: string, what = 'a file', fs: InputFs = NODE_FS): string {
  let fd: number;
  try {
    fd = fs.openSync(path, OPEN_FLAGS);
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'EISDIR') {
      throw new InputError(`${displayPath(path)}: is a folder; expected ${what}.`);
    }
    throw unreachable(path, err, fs);
  }
  try {
    const stats = fs.fstatSync(fd);
    if (stats.isDirectory()) throw new InputError(`${displayPath(path)}: is a folder; expected ${what}.`);
    if (!stats.isFile()) {
      throw new InputError(`${displayPath(path)}: is ${kindOf(stats)}, not a regular file; expected ${what}.`);
    }
    return fs.readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${displayPath(path)}: cannot be read: ${fsReason(err)}.`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Like `readRegularFile` for a file that may be absent (a CDK `manifest.json`
 * beside a template): `undefined` only when nothing at all is at `path`. A
 * dangling link there is an error, not "absent": it names something that was meant to be read.
 */
export function readOptionalRegularFile(path: string, what = 'a file', fs: InputFs = NODE_FS): string | undefined {
  try {
    fs.lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') return undefined;
    throw unreachable(path, err, fs);
  }
  return readRegularFile(path, what, fs);
}
