import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Who runs the embedded PostgreSQL, and from where. PostgreSQL refuses to run as root; as root the
 * server runs as the unprivileged `postgres` account, which must reach its binaries and data. A clone
 * in root's home (mode 0700, as in most containers) is out of that account's reach: initdb failed with
 * EACCES. Then the binaries are staged, and the data kept, under a folder it can reach
 * (`HUB_POSTGRES_STAGE_DIR`, default /var/tmp/assist-hub), and the data directory the caller named
 * becomes a link to its real place.
 */
export interface PostgresAccount {
  /** Set when running as root: the account the server runs as. */
  uid?: number;
  gid?: number;
  /** The groups of that account, for telling whether it may enter a folder. */
  groups: number[];
}

/** The permission bits an account needs on a path: search (x) on folders, read and execute on programs. */
export interface PathMode {
  mode: number;
  uid: number;
  gid: number;
}

/** Pure: whether `account` has every one of `wanted` (octal 0o1 execute, 0o4 read) on a path of this mode. */
export function accountMay(stat: PathMode, account: { uid: number; groups: number[] }, wanted: number): boolean {
  const granted =
    stat.uid === account.uid
      ? (stat.mode >> 6) & 7
      : account.groups.includes(stat.gid)
        ? (stat.mode >> 3) & 7
        : stat.mode & 7;
  return (granted & wanted) === wanted;
}

/** Whether the account can enter every folder from the root down to `target` (which need not exist yet). */
export function reachable(target: string, account: { uid: number; groups: number[] }): boolean {
  let folder = path.resolve(target);
  while (!fs.existsSync(folder)) folder = path.dirname(folder);
  for (let at = folder; ; at = path.dirname(at)) {
    if (!accountMay(fs.statSync(at), account, 0o1)) return false;
    if (at === path.dirname(at)) return true;
  }
}

function numericId(args: string[]): number {
  return Number(execFileSync('id', args, { encoding: 'utf8' }).trim());
}

/** The account the server runs as: none when not root; as root `postgres`, created when missing. */
export function postgresAccount(): PostgresAccount {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { groups: [] };
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      { stdio: 'pipe' },
    );
  }
  const groups = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  return { uid: numericId(['-u', 'postgres']), gid: numericId(['-g', 'postgres']), groups };
}

function stageRoot(): string {
  return (
    process.env.HUB_POSTGRES_STAGE_DIR ?? path.join(os.platform() === 'linux' ? '/var/tmp' : os.tmpdir(), 'assist-hub')
  );
}

function ensureOpenFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true });
  fs.chmodSync(folder, 0o755);
}

/**
 * The folder of PostgreSQL's bin/, lib/ and share/ that the account can use: the package's own, or a
 * copy of it staged once per version. Copied under a temporary name and renamed, so that servers
 * starting at once (parallel test workers) never use a half-made copy.
 */
export function reachableNativeDir(nativeDir: string, version: string, account: PostgresAccount): string {
  if (account.uid === undefined) return nativeDir;
  const who = { uid: account.uid, groups: account.groups };
  if (
    reachable(path.join(nativeDir, 'bin'), who) &&
    accountMay(fs.statSync(path.join(nativeDir, 'bin', 'postgres')), who, 0o5)
  )
    return nativeDir;
  const root = stageRoot();
  ensureOpenFolder(root);
  const staged = path.join(root, `postgres-${version}-${process.platform}-${process.arch}`);
  if (fs.existsSync(path.join(staged, 'bin', 'postgres'))) return staged;
  const partial = `${staged}.${process.pid}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  execFileSync('chmod', ['-R', 'a+rX', partial]);
  try {
    fs.renameSync(partial, staged);
  } catch (e) {
    // Another process staged it first: use theirs.
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(path.join(staged, 'bin', 'postgres'))) throw e;
  }
  return staged;
}

/**
 * The data directory the server uses for the one the caller named. Unreachable for the account, the
 * data live in the stage folder and `dataDir` becomes a link to them; a missing link means the caller
 * removed its data (tests start from nothing), so what the stage folder still holds is discarded.
 */
export function reachableDataDir(dataDir: string, account: PostgresAccount): string {
  const named = path.resolve(dataDir);
  if (account.uid === undefined || reachable(path.dirname(named), { uid: account.uid, groups: account.groups }))
    return named;
  const real = path.join(stageRoot(), `data-${createHash('sha256').update(named).digest('hex').slice(0, 16)}`);
  const link = fs.lstatSync(named, { throwIfNoEntry: false });
  if (link?.isSymbolicLink() && path.resolve(path.dirname(named), fs.readlinkSync(named)) === real) return real;
  if (link?.isDirectory() && fs.readdirSync(named).length === 0) fs.rmdirSync(named);
  else if (link)
    throw new Error(
      `${named} is out of reach of the account PostgreSQL runs as (${account.uid}); move it away or remove it, and the data will be kept in ${real}`,
    );
  ensureOpenFolder(stageRoot());
  fs.rmSync(real, { recursive: true, force: true });
  fs.mkdirSync(real, { mode: 0o700 });
  fs.mkdirSync(path.dirname(named), { recursive: true });
  fs.symlinkSync(real, named);
  return real;
}
