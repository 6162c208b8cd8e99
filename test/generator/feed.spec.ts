import { ALL_EVENT_TYPES, DEPARTMENTS, decodeCloudEvent, validatePayload } from '@hub/contract';
import { generateFeed } from './feed';
import { NOISE_KINDS } from './identity-noise';

const RULES = [
  'dup.same-program-overlap',
  'dup.exclusive-programs',
  'dup.same-cause',
  'dup.after-death',
  'omit.insurance-subsidy',
  'omit.education',
  'omit.employment',
  'omit.housing',
  'omit.disaster',
  'omit.major-illness',
  'omit.application-sla',
];

describe('generateFeed', () => {
  const feed = generateFeed({ seed: 42, households: 3000, plantedPerRule: 2 });

  it('is deterministic by seed', () => {
    const again = generateFeed({ seed: 42, households: 3000, plantedPerRule: 2 });
    expect(again.messages.map((m) => m.value.toString('base64'))).toEqual(
      feed.messages.map((m) => m.value.toString('base64')),
    );
    expect(again.truth).toEqual(feed.truth);
    const other = generateFeed({ seed: 43, households: 3000, plantedPerRule: 2 });
    expect(other.messages[0].value.equals(feed.messages[0].value)).toBe(false);
  });

  it('writes only contract-valid events, from every department, in all three modes, in event-time order', () => {
    const known = new Set(ALL_EVENT_TYPES);
    for (const m of feed.messages) {
      const e = decodeCloudEvent(m.value, m.headers, m.department, known);
      expect(() => validatePayload(e.type, e.data)).not.toThrow();
    }
    expect(new Set(feed.messages.map((m) => m.department))).toEqual(new Set(DEPARTMENTS));
    expect(new Set(feed.messages.map((m) => m.mode))).toEqual(
      new Set(['structured', 'binary-json', 'binary-protobuf']),
    );
    const times = feed.messages.map((m) => m.time);
    expect(times).toEqual([...times].sort());
  });

  it('applies every kind of identity noise, and none when asked', () => {
    const seen = new Set(feed.truth.records.flatMap((r) => r.noise));
    expect([...seen].sort()).toEqual([...NOISE_KINDS].sort());
    const typos = feed.truth.records.filter((r) => r.noise.includes('ID_TYPO')).length / feed.truth.records.length;
    expect(typos).toBeGreaterThan(0.005);
    expect(typos).toBeLessThan(0.05);
    const clean = generateFeed({
      seed: 42,
      households: 300,
      noise: Object.fromEntries(NOISE_KINDS.map((k) => [k, 0])),
      charityWithoutId: 0,
    });
    expect(clean.truth.records.every((r) => r.noise.length === 0)).toBe(true);
  });

  it('plants cases of every rule of contract section 7, and twins and namesakes', () => {
    const byRule = new Map<string, number>();
    for (const c of feed.truth.planted) byRule.set(c.ruleId, (byRule.get(c.ruleId) ?? 0) + 1);
    expect(Object.fromEntries(byRule)).toEqual(Object.fromEntries(RULES.map((r) => [r, 2])));
    expect(feed.truth.persons.some((p) => p.twinOf)).toBe(true);
    expect(feed.truth.persons.some((p) => p.namesakeOf)).toBe(true);
  });

  it('maps every record to its true person', () => {
    const persons = new Set(feed.truth.persons.map((p) => p.personId));
    expect(feed.truth.records.every((r) => persons.has(r.personId))).toBe(true);
    expect(feed.messages.filter((m) => m.truePersonId).every((m) => persons.has(m.truePersonId!))).toBe(true);
  });
  it('pays nobody past their death but in the planted dup.after-death cases', () => {
    // Seed 4: a county where a background death once fell before a 救急难 grant drawn independently of it.
    const county = generateFeed({ seed: 4, households: 3000, plantedPerRule: 2 });
    const known = new Set(ALL_EVENT_TYPES);
    const deathDay = new Map<string, string>();
    const grants: { person: string; end: string; event: string }[] = [];
    for (const m of county.messages) {
      const e = decodeCloudEvent(m.value, m.headers, m.department, known);
      // validatePayload decodes protobuf payloads too.
      const data = validatePayload(e.type, e.data) as { status?: string; validFrom?: string; period?: { end: string } };
      if (e.type === 'assist.status.asserted.v1' && data.status === 'DECEASED')
        deathDay.set(m.truePersonId!, data.validFrom!);
      if (e.type === 'assist.benefit.granted.v1')
        grants.push({ person: m.truePersonId!, end: data.period!.end, event: `${m.source}|${m.eventId}` });
    }
    // A planted case names its person: all of that person's grants past the death answer it (the scoring's rule too).
    const planted = new Set(
      county.truth.planted.filter((c) => c.ruleId === 'dup.after-death').flatMap((c) => c.personIds),
    );
    const pastDeath = grants.filter((g) => deathDay.has(g.person) && g.end > deathDay.get(g.person)!);
    expect(deathDay.size).toBeGreaterThan(planted.size);
    expect(pastDeath.length).toBeGreaterThan(0);
    expect(pastDeath.filter((g) => !planted.has(g.person))).toEqual([]);
  });
  it('names as a planted omit.education case the members that are students', () => {
    const known = new Set(ALL_EVENT_TYPES);
    const students = new Set<string>();
    for (const m of feed.messages) {
      if (m.type !== 'assist.status.asserted.v1') continue;
      const e = decodeCloudEvent(m.value, m.headers, m.department, known);
      if ((validatePayload(e.type, e.data) as { status: string }).status === 'STUDENT') students.add(m.truePersonId!);
    }
    const cases = feed.truth.planted.filter((c) => c.ruleId === 'omit.education');
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.personIds.length).toBeGreaterThan(0);
      expect(c.personIds.filter((p) => !students.has(p))).toEqual([]);
    }
  });
});
