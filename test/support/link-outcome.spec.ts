import { PERSON_LINK_TYPES } from '@hub/topics';
import { PublishedLink, linkDifference, linkOutcome } from './link-outcome';

let offset = 0;
const linked = (
  sourcePersonId: string,
  personId: string,
  decision: 'MATCH' | 'NEW' | 'POSSIBLE_MATCH' = 'MATCH',
  time = '2026-01-01T00:00:00.000Z',
): PublishedLink => ({
  cloudEventId: `ce-${offset}`,
  type: PERSON_LINK_TYPES.linked,
  time,
  partition: 0,
  offset: String(offset++),
  data: { source: '/s', sourcePersonId, personId, decision, score: 20, reasons: [] },
});
const merged = (survivorId: string, mergedIds: string[]): PublishedLink => ({
  cloudEventId: `ce-${offset}`,
  type: PERSON_LINK_TYPES.merged,
  time: '2026-01-01T00:00:00.000Z',
  partition: 1,
  offset: String(offset++),
  data: { type: 'MERGED', survivorId, mergedIds },
});

describe('linkOutcome', () => {
  it('groups records by person after merges, whatever the person ids', () => {
    const a = linkOutcome([
      linked('r1', 'P1', 'NEW'),
      linked('r2', 'P2', 'NEW'),
      merged('P1', ['P2']),
      linked('r3', 'P3', 'NEW'),
    ]);
    const b = linkOutcome([
      merged('Q9', ['Q8']),
      linked('r3', 'Q1', 'NEW'),
      linked('r2', 'Q8', 'NEW'),
      linked('r1', 'Q9'),
    ]);
    expect([...a.clusters].sort()).toEqual(['/s|r1 + /s|r2', '/s|r3']);
    expect(linkDifference(a, b)).toEqual({ clustersOnlyHere: 0, clustersOnlyInBaseline: 0, possibleDiffering: 0 });
  });

  it('keeps the latest decision of a record and counts records decided differently', () => {
    const o = linkOutcome([
      linked('r1', 'P1', 'NEW'),
      linked('r2', 'P1'),
      linked('r2', 'P2', 'MATCH', '2026-01-02T00:00:00.000Z'),
    ]);
    expect([...o.clusters].sort()).toEqual(['/s|r1', '/s|r2']);
    expect(o.redecided).toBe(1);
  });

  it('parks POSSIBLE_MATCH records beside the person they were proposed for', () => {
    const o = linkOutcome([linked('r1', 'P1', 'NEW'), linked('r2', 'P1', 'POSSIBLE_MATCH')]);
    expect([...o.clusters]).toEqual(['/s|r1']);
    expect(o.possible.get('/s|r2')).toBe('/s|r1');
    expect(o.decided.has('/s|r2')).toBe(true);
    const other = linkOutcome([linked('r1', 'P1', 'NEW'), linked('r2', 'P1')]);
    expect(linkDifference(o, other)).toEqual({ clustersOnlyHere: 1, clustersOnlyInBaseline: 1, possibleDiffering: 1 });
  });
});
