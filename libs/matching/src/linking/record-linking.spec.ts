import { checkDigit } from '@hub/identity';
import { defaultIdentityModel } from '../default-model';
import { IdentityBlock, toMatchIdentity } from '../match-identity';
import { LinkWorkspace } from './link-workspace';
import { IncomingRecord, keysToProbe, linkRecord } from './record-linking';

const idOf = (first17: string) => first17 + checkDigit(first17);
const CHEN_ID = idOf('33050219780312301');

function workspace(): LinkWorkspace {
  let n = 0;
  return new LinkWorkspace(undefined, { person: () => `P-${++n}`, household: () => `H-${++n}` });
}

const policy = { model: defaultIdentityModel(), thresholds: { match: 15, possible: 5 } };

function link(
  ws: LinkWorkspace,
  source: string,
  person: IdentityBlock & { sourcePersonId: string },
  household?: IncomingRecord['household'],
) {
  return linkRecord(ws, { source, sourcePersonId: person.sourcePersonId, household }, policy, toMatchIdentity(person));
}

describe('linkRecord in a LinkWorkspace', () => {
  it('ties noisy records of one person from several departments to one person', () => {
    const ws = workspace();
    const first = link(ws, '/330502/civil-affairs/dibao', {
      sourcePersonId: 'MZ-1',
      idNumber: CHEN_ID,
      name: '陈建国',
      birthDate: '1978-03-12',
      phone: '13800001234',
    });
    expect(first.link).toMatchObject({ decision: 'NEW' });
    const outcomes = [
      link(ws, '/330502/health/yb', { sourcePersonId: 'YB-1', idNumber: '330502780312301', name: '陳建國' }),
      link(ws, '/330502/charity/C01', {
        sourcePersonId: 'C-1',
        name: '陈建国',
        birthDate: '1978-03-12',
        phone: '13800001234',
      }),
      link(ws, '/330502/housing/gz', {
        sourcePersonId: 'ZJ-1',
        idNumber: CHEN_ID.toLowerCase().replace(/(\d{6})/, '$1 '),
        name: '陈建国',
      }),
    ];
    for (const o of outcomes) expect(o.link).toMatchObject({ decision: 'MATCH', personId: first.personId });
  });

  it('skips a record seen again unchanged, and leaves a record a reviewer set alone', () => {
    const ws = workspace();
    const person = { sourcePersonId: 'MZ-1', idNumber: CHEN_ID, name: '陈建国' };
    const first = link(ws, '/330502/civil-affairs/dibao', person);
    const again = link(ws, '/330502/civil-affairs/dibao', person);
    expect(again.personId).toBe(first.personId);
    expect(again.link).toBeUndefined();
    ws.seedRecord({
      source: '/330502/health/yb',
      sourcePersonId: 'YB-9',
      personId: 'P-manual',
      identity: toMatchIdentity({ name: '陈建国' }),
      manual: true,
    });
    const manual = link(ws, '/330502/health/yb', { sourcePersonId: 'YB-9', idNumber: CHEN_ID, name: '陈建国' });
    expect(manual.personId).toBe('P-manual');
    expect(manual.link).toBeUndefined();
  });

  it('merges two persons that a later record bridges, and redirects the merged one', () => {
    const ws = workspace();
    const byId = link(ws, '/330502/civil-affairs/dibao', { sourcePersonId: 'MZ-1', idNumber: CHEN_ID, name: '陈建国' });
    // The charity got the birth date wrong: the name alone is too weak, so it starts a person of its own.
    const byPhone = link(ws, '/330502/charity/C01', {
      sourcePersonId: 'C-1',
      name: '陈建国',
      birthDate: '1985-07-09',
      phone: '13800001234',
    });
    expect(byPhone.link?.decision).toBe('NEW');
    // The hospital has the ID number and the phone: it is both.
    const bridge = link(ws, '/330502/health/yb', {
      sourcePersonId: 'YB-1',
      idNumber: CHEN_ID,
      name: '陈建国',
      phone: '13800001234',
    });
    expect(bridge.merged).toBeDefined();
    expect(new Set([bridge.merged!.survivorId, ...bridge.merged!.mergedIds])).toEqual(
      new Set([byId.personId, byPhone.personId]),
    );
    expect(ws.resolve(byId.personId)).toBe(ws.resolve(byPhone.personId));
    expect(ws.merges).toHaveLength(1);
  });

  it('keeps twins apart: same name, birth date and household, different valid ID numbers', () => {
    const ws = workspace();
    const a = link(ws, '/330502/education/xj', {
      sourcePersonId: 'JY-1',
      idNumber: idOf('33050220120601301'),
      name: '李明',
      birthDate: '2012-06-01',
    });
    const b = link(ws, '/330502/education/xj', {
      sourcePersonId: 'JY-2',
      idNumber: idOf('33050220120601321'),
      name: '李明',
      birthDate: '2012-06-01',
    });
    expect(b.link?.decision).toBe('NEW');
    expect(b.personId).not.toBe(a.personId);
  });

  it('ties a department household to the hub household its members are already in', () => {
    const ws = workspace();
    const head = link(
      ws,
      '/330502/civil-affairs/dibao',
      { sourcePersonId: 'MZ-1', idNumber: CHEN_ID, name: '陈建国' },
      { householdId: 'MZ-H-1' },
    );
    const child = link(
      ws,
      '/330502/civil-affairs/dibao',
      { sourcePersonId: 'MZ-2', idNumber: idOf('33050220100101302'), name: '陈小明' },
      { householdId: 'MZ-H-1' },
    );
    expect(head.householdId).toBeTruthy();
    expect(child.householdId).toBe(head.householdId);
    // The school knows the child under its own household id: the same hub household.
    const school = link(
      ws,
      '/330502/education/xj',
      { sourcePersonId: 'JY-7', idNumber: idOf('33050220100101302'), name: '陈小明' },
      { householdId: 'JY-H-88' },
    );
    expect(school.householdId).toBe(head.householdId);
    expect([...ws.newDepartmentHouseholds.values()].map((h) => h.departmentHouseholdId).sort()).toEqual([
      'JY-H-88',
      'MZ-H-1',
    ]);
    expect(ws.newHouseholds.size).toBe(1);
  });

  it('lets civil affairs decide who lives with whom, whatever order the departments arrive in', () => {
    const ws = workspace();
    const headId = idOf('33050219800808101');
    const childId = idOf('33050220120909102');
    // The employment office and the school see them first, each under its own household number.
    const headAtWork = link(
      ws,
      '/330502/human-resources/jy',
      { sourcePersonId: 'RS-1', idNumber: headId, name: '赵大山' },
      { householdId: 'RS-H-1' },
    );
    const childAtSchool = link(
      ws,
      '/330502/education/xj',
      { sourcePersonId: 'JY-1', idNumber: childId, name: '赵小雨' },
      { householdId: 'JY-H-1' },
    );
    expect(childAtSchool.householdId).not.toBe(headAtWork.householdId);
    // Civil affairs registers the 低保 household: both end in one hub household.
    const child = link(
      ws,
      '/330502/civil-affairs/dibao',
      { sourcePersonId: 'MZ-2', idNumber: childId, name: '赵小雨' },
      { householdId: 'MZ-H-1' },
    );
    const head = link(
      ws,
      '/330502/civil-affairs/dibao',
      { sourcePersonId: 'MZ-1', idNumber: headId, name: '赵大山' },
      { householdId: 'MZ-H-1' },
    );
    expect(head.householdId).toBe(child.householdId);
    // A later event from the employment office does not move the head out again.
    const later = link(
      ws,
      '/330502/human-resources/jy',
      { sourcePersonId: 'RS-1', idNumber: headId, name: '赵大山', phone: '13900000000' },
      { householdId: 'RS-H-1' },
    );
    expect(later.householdId).toBe(child.householdId);
    expect(ws.householdPlacedBy(head.personId)).toBe('civil-affairs');
  });

  it('keeps a family together when a second county registers one member (低保 in two counties)', () => {
    const ws = workspace();
    const headId = idOf('33050319800808101');
    const head = link(
      ws,
      '/330503/civil-affairs/dibao',
      { sourcePersonId: 'MZ-1', idNumber: headId, name: '钱大江' },
      { householdId: 'MZ-H-1' },
    );
    const wife = link(
      ws,
      '/330503/civil-affairs/dibao',
      { sourcePersonId: 'MZ-2', idNumber: idOf('33050319820101202'), name: '孙小红' },
      { householdId: 'MZ-H-1' },
    );
    // The neighbouring county's 低保 system registers the head again, under its own household number.
    const elsewhere = link(
      ws,
      '/330502/civil-affairs/dibao',
      { sourcePersonId: 'MZ-1', idNumber: headId, name: '钱大江' },
      { householdId: 'MZ-H-1' },
    );
    expect(elsewhere.personId).toBe(head.personId);
    expect(elsewhere.householdId).toBe(wife.householdId);
  });

  it('moves a person whom the same civil affairs system places in another household (a son sets up his own)', () => {
    const ws = workspace();
    const father = link(
      ws,
      '/330503/civil-affairs/dibao',
      { sourcePersonId: 'MZ-1', idNumber: idOf('33050319600808101'), name: '周建华' },
      { householdId: 'MZ-H-1' },
    );
    const sonId = idOf('33050319900101103');
    const son = link(
      ws,
      '/330503/civil-affairs/dibao',
      { sourcePersonId: 'MZ-2', idNumber: sonId, name: '周小军' },
      { householdId: 'MZ-H-1' },
    );
    expect(son.householdId).toBe(father.householdId);
    const own = link(
      ws,
      '/330503/civil-affairs/dibao',
      { sourcePersonId: 'MZ-2', idNumber: sonId, name: '周小军' },
      { householdId: 'MZ-H-2' },
    );
    expect(own.householdId).not.toBe(father.householdId);
  });

  it('re-keys a record whose identity changed, so its old keys no longer find it', () => {
    const ws = workspace();
    link(ws, '/330502/civil-affairs/dibao', { sourcePersonId: 'MZ-1', name: '张三', birthDate: '1990-01-01' });
    link(ws, '/330502/civil-affairs/dibao', { sourcePersonId: 'MZ-1', name: '张三', birthDate: '1991-02-02' });
    expect(ws.candidates(['py:zhang san|1990-01-01'], 'nobody')).toHaveLength(0);
    expect(ws.candidates(['py:zhang san|1991-02-02'], 'nobody')).toHaveLength(1);
    expect(ws.names.count('张三')).toBe(1);
  });
});

describe('keysToProbe', () => {
  const source = '/330502/civil-affairs/dibao';
  const chen = { sourcePersonId: 'MZ-1', idNumber: CHEN_ID, name: '陈建国', birthDate: '1978-03-12' };
  const moved = { ...chen, phone: '13800001234' };
  const stranger = { sourcePersonId: 'MZ-2', name: '李四', birthDate: '1990-01-01' };
  const copy = (person: IdentityBlock & { sourcePersonId: string }, probeKeys: string[]) => ({
    source,
    sourcePersonId: person.sourcePersonId,
    identity: toMatchIdentity(person),
    probeKeys,
  });
  const stored = () => {
    const ws = workspace();
    link(ws, source, chen);
    return ws;
  };

  it('reads no candidates for a record that comes as stored, and all of a new record', () => {
    expect(keysToProbe(stored(), [copy(chen, ['a']), copy(stranger, ['b', 'c'])])).toEqual(['b', 'c']);
  });

  it("reads a changed record's keys, and those of every copy when one copy of it changes it", () => {
    expect(keysToProbe(stored(), [copy(moved, ['a', 'p'])])).toEqual(['a', 'p']);
    expect(keysToProbe(stored(), [copy(moved, ['a', 'p']), copy(chen, ['a', 'q'])])).toEqual(['a', 'p', 'q']);
  });

  it('reads none for a record a reviewer set, whatever it comes with', () => {
    const ws = workspace();
    ws.seedRecord({ source, sourcePersonId: 'MZ-1', personId: 'P-9', identity: toMatchIdentity(chen), manual: true });
    expect(keysToProbe(ws, [copy(moved, ['a', 'p'])])).toEqual([]);
  });
});
