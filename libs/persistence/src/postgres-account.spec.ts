import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { accountMay, reachable, reachableDataDir } from './postgres-account';

const postgres = { uid: 101, groups: [104, 103] };

describe('accountMay: the permission bits of the class the account falls in', () => {
  it("root's home (0700, root's) cannot be entered by postgres", () => {
    expect(accountMay({ mode: 0o40700, uid: 0, gid: 0 }, postgres, 0o1)).toBe(false);
  });
  it('a folder others may search can be entered', () => {
    expect(accountMay({ mode: 0o40711, uid: 0, gid: 0 }, postgres, 0o1)).toBe(true);
  });
  it('the owner class decides for the owner, even when others have more', () => {
    expect(accountMay({ mode: 0o40077, uid: 101, gid: 0 }, postgres, 0o1)).toBe(false);
  });
  it('the group class decides for a member of any of its groups', () => {
    expect(accountMay({ mode: 0o40750, uid: 0, gid: 103 }, postgres, 0o1)).toBe(true);
    expect(accountMay({ mode: 0o40700, uid: 0, gid: 103 }, postgres, 0o1)).toBe(false);
  });
  it('a program needs read and execute', () => {
    expect(accountMay({ mode: 0o100711, uid: 0, gid: 0 }, postgres, 0o5)).toBe(false);
    expect(accountMay({ mode: 0o100755, uid: 0, gid: 0 }, postgres, 0o5)).toBe(true);
  });
});

describe('reachable and reachableDataDir on real folders', () => {
  let work: string;
  const stage = () => path.join(work, 'stage');
  const me = { uid: 4242_4242, groups: [4242_4242] }; // nobody's ids: only the "others" bits apply

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pg-account-'));
    fs.chmodSync(work, 0o755);
    process.env.HUB_POSTGRES_STAGE_DIR = stage();
  });
  afterEach(() => {
    delete process.env.HUB_POSTGRES_STAGE_DIR;
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('a folder below a closed one is out of reach; one not made yet is judged by what exists', () => {
    fs.mkdirSync(path.join(work, 'closed/inner'), { recursive: true });
    fs.chmodSync(path.join(work, 'closed'), 0o700);
    expect(reachable(path.join(work, 'closed/inner/pg'), me)).toBe(false);
    expect(reachable(path.join(work, 'open/not-yet/pg'), me)).toBe(true);
  });

  it('data out of reach live in the stage folder behind a link; a removed link starts from nothing', () => {
    const home = path.join(work, 'home');
    fs.mkdirSync(home, { mode: 0o700 });
    fs.chmodSync(home, 0o700);
    const named = path.join(home, 'clone/.run/postgres-test');
    const account = { uid: me.uid, gid: me.uid, groups: me.groups };

    const real = reachableDataDir(named, account);
    expect(real.startsWith(stage())).toBe(true);
    expect(fs.realpathSync(named)).toBe(fs.realpathSync(real));
    fs.writeFileSync(path.join(real, 'PG_VERSION'), '18\n');
    // The same named folder again: the same data.
    expect(reachableDataDir(named, account)).toBe(real);
    expect(fs.existsSync(path.join(real, 'PG_VERSION'))).toBe(true);
    // The caller removed its data (fs.rmSync of the link): the next start does not find the old cluster.
    fs.rmSync(named, { recursive: true, force: true });
    expect(reachableDataDir(named, account)).toBe(real);
    expect(fs.existsSync(path.join(real, 'PG_VERSION'))).toBe(false);
  });

  it('a folder of data already there but out of reach is not taken over: a clear error', () => {
    const home = path.join(work, 'home');
    fs.mkdirSync(path.join(home, 'pg'), { recursive: true });
    fs.writeFileSync(path.join(home, 'pg/PG_VERSION'), '18\n');
    fs.chmodSync(home, 0o700);
    expect(() => reachableDataDir(path.join(home, 'pg'), { uid: me.uid, gid: me.uid, groups: me.groups })).toThrow(
      /out of reach/,
    );
  });

  it('not root: the named folder is used as it is', () => {
    expect(reachableDataDir(path.join(work, 'pg'), { groups: [] })).toBe(path.join(work, 'pg'));
  });
});
