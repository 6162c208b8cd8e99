import { LinkOutcome } from '@hub/matching';
import { AcceptedEvent, AcceptedEventBatch, LinkedEventBatch, TopicNames } from '@hub/topics';
import {
  decisionMessages,
  linkedEventValues,
  readAcceptedBatch,
  reviewFeedback,
  secondLookMessages,
} from './batch-feed';
import { ChunkOutcome } from './record-linker';

const topics = new TopicNames('t.');
/** The hold of S-3's pair against P-9, lifted once the pair is settled by rule. */
const lifted = {
  source: '/330502/health/yb',
  sourcePersonId: 'S-3',
  personId: 'P-3',
  candidatePersonId: 'P-9',
  open: false,
};
const event = (id: string, data: Record<string, unknown>, time = '2026-03-02T09:00:00+08:00'): AcceptedEvent => ({
  storeSeq: id,
  source: '/330502/civil-affairs/dibao',
  id,
  type: 'assist.benefit.granted.v1',
  time,
  department: 'civil-affairs',
  regionCode: '330502',
  mode: 'structured',
  topic: 'intake.civil-affairs',
  partition: 2,
  offset: id,
  receivedAt: time,
  qualityFlags: [],
  data,
});
const person = (sourcePersonId: string) => ({
  sourcePersonId,
  name: '王伟',
  idType: 'RESIDENT_ID',
  idNumber: '330502197007071011',
});
const value = (batch: Partial<AcceptedEventBatch>) =>
  Buffer.from(JSON.stringify({ sourceTopic: 'intake.civil-affairs', sourcePartition: 2, events: [], ...batch }));
const outcome = (personId: string, extra: Partial<LinkOutcome> = {}): LinkOutcome => ({
  personId,
  householdId: `H-${personId}`,
  householdPlacedBy: null,
  comparisons: [],
  ...extra,
});

describe('reading an accepted batch', () => {
  const read = readAcceptedBatch([
    {
      offset: '10',
      value: value({
        events: [
          event('e1', { person: person('S-1'), household: { householdId: 'MZ-H1', role: 'HEAD' } }),
          event('e2', { benefitId: 'B-1' }),
        ],
      }),
    },
    { offset: '11', value: Buffer.from('not json') },
    {
      offset: '12',
      value: value({
        events: [event('e3', { person: person('S-2'), household: {} }, '2026-03-03T09:00:00+08:00')],
        sourceThroughOffset: '40',
      }),
    },
    { offset: '13', value: value({ events: [], sourceThroughOffset: '39', sourcePartition: 2 }) },
    { offset: '14', value: value({ events: [], sourceThroughOffset: '7', sourceTopic: 'intake.health' }) },
  ]);

  it('keeps every event in order and the records of those that name a person', () => {
    expect(read.events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(read.recordOf).toEqual([0, -1, 1]);
    expect(read.records).toEqual([
      {
        source: '/330502/civil-affairs/dibao',
        person: person('S-1'),
        household: { householdId: 'MZ-H1', role: 'HEAD' },
      },
      { source: '/330502/civil-affairs/dibao', person: person('S-2'), household: undefined }, // a household without an id is none
    ]);
    expect(read.recordTimes).toEqual(['2026-03-02T09:00:00+08:00', '2026-03-03T09:00:00+08:00']);
    expect(read.recordOrigins).toEqual([
      { offset: '10', eventKey: '/330502/civil-affairs/dibao|e1', eventId: 'e1' },
      { offset: '12', eventKey: '/330502/civil-affairs/dibao|e3', eventId: 'e3' },
    ]);
  });

  it('skips what is not an AcceptedEventBatch, by offset', () => {
    expect(read.skipped).toEqual(['11']);
  });

  it('keeps per intake partition the furthest progress mark', () => {
    expect(read.progress).toEqual([
      { topic: 'intake.civil-affairs', partition: 2, throughOffset: '40' },
      { topic: 'intake.health', partition: 2, throughOffset: '7' },
    ]);
  });
});

describe("the detector's feed", () => {
  const read = readAcceptedBatch([
    {
      offset: '10',
      value: value({
        events: [
          event('e1', { person: person('S-1') }),
          event('e2', { benefitId: 'B-1' }),
          event('e3', { person: person('S-2') }),
        ],
        sourceThroughOffset: '10',
      }),
    },
  ]);
  const feed = (outcomes: (ChunkOutcome | undefined)[]) =>
    linkedEventValues('t.hub.intake.accepted', 2, read, outcomes).map(
      (v) => JSON.parse(v) as LinkedEventBatch & { progress?: unknown },
    );

  it('gives every event its person and household, events naming nobody none, and marks the last value with the progress', () => {
    const [only, ...more] = feed([outcome('P-1', { householdPlacedBy: 'civil-affairs' }), outcome('P-2')]);
    expect(more).toEqual([]);
    expect(only.events.map((e) => [e.id, e.personId, e.householdId, e.householdPlacedBy])).toEqual([
      ['e1', 'P-1', 'H-P-1', 'civil-affairs'],
      ['e2', null, null, null],
      ['e3', 'P-2', 'H-P-2', null],
    ]);
    expect(only).toMatchObject({
      sourceTopic: 't.hub.intake.accepted',
      sourcePartition: 2,
      progress: [{ topic: 'intake.civil-affairs', partition: 2, throughOffset: '10' }],
    });
  });

  it("carries the merges and review pairs of the batch's linking, its second looks included, after the events", () => {
    const possible = (sourcePersonId: string, personId: string): LinkOutcome['link'] => ({
      source: '/330502/civil-affairs/dibao',
      sourcePersonId,
      personId,
      decision: 'POSSIBLE_MATCH',
      score: 9,
      reasons: [],
    });
    const [only] = feed([
      outcome('P-1', {
        link: possible('S-1', 'P-8'),
        merged: { survivorId: 'P-1', mergedIds: ['P-7'] },
      }),
      {
        ...outcome('P-2'),
        secondLook: {
          merges: [{ survivorId: 'P-0', mergedIds: ['P-2'] }],
          review: outcome('P-0', { link: possible('S-2', 'P-9') }),
        },
      },
    ]);
    expect(only.events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect({ merges: only.merges, reviewHolds: only.reviewHolds }).toEqual({
      merges: [
        { type: 'MERGED', survivorId: 'P-1', mergedIds: ['P-7'] },
        { type: 'MERGED', survivorId: 'P-0', mergedIds: ['P-2'] },
      ],
      reviewHolds: [
        {
          source: '/330502/civil-affairs/dibao',
          sourcePersonId: 'S-1',
          personId: 'P-1',
          candidatePersonId: 'P-8',
          open: true,
          openedAt: '2026-03-02T09:00:00+08:00',
        },
        {
          source: '/330502/civil-affairs/dibao',
          sourcePersonId: 'S-2',
          personId: 'P-0',
          candidatePersonId: 'P-9',
          open: true,
          openedAt: '2026-03-02T09:00:00+08:00',
        },
      ],
    });
  });

  it('leaves out the events of a quarantined record (no outcome)', () => {
    expect(feed([undefined, outcome('P-2')])[0].events.map((e) => e.id)).toEqual(['e2', 'e3']);
  });

  it('still says how far intake is dealt with when no event is left', () => {
    const empty = readAcceptedBatch([{ offset: '10', value: value({ sourceThroughOffset: '10' }) }]);
    expect(linkedEventValues('t.hub.intake.accepted', 2, empty, []).map((v) => JSON.parse(v))).toEqual([
      {
        progress: [{ topic: 'intake.civil-affairs', partition: 2, throughOffset: '10' }],
        sourceTopic: 't.hub.intake.accepted',
        sourcePartition: 2,
        events: [],
      },
    ]);
    expect(
      linkedEventValues('t.hub.intake.accepted', 2, { events: [], recordOf: [], progress: [], recordTimes: [] }, []),
    ).toEqual([]);
  });
});

describe("the messages a chunk's decisions store", () => {
  const batch = { topic: 't.hub.intake.accepted', partition: 4 };
  const link = (decision: 'MATCH' | 'NEW' | 'POSSIBLE_MATCH', sourcePersonId: string, personId: string) => ({
    source: '/330502/health/yb',
    sourcePersonId,
    personId,
    decision,
    score: 9,
    reasons: [],
  });

  it('announces each new link, its merge, and gives the detector the merges and the review pairs opened', () => {
    const messages = decisionMessages(
      topics,
      batch,
      [
        outcome('P-1', { link: link('MATCH', 'S-1', 'P-1'), merged: { survivorId: 'P-1', mergedIds: ['P-7'] } }),
        outcome('P-2'), // already linked so: nothing to say
        outcome('P-3', { link: link('POSSIBLE_MATCH', 'S-3', 'P-9') }),
      ],
      ['2026-03-01T09:00:00+08:00', '2026-03-02T09:00:00+08:00', '2026-03-03T09:00:00+08:00'],
    );
    expect(messages.map((m) => [m.topic, m.key])).toEqual([
      ['t.persons.links', 'P-1'],
      ['t.persons.links', 'P-9'],
      ['t.persons.links', 'P-1'],
      ['t.hub.events.linked', 't.hub.intake.accepted:4'],
    ]);
    expect(JSON.parse(messages[0].value)).toMatchObject({
      type: 'assist.person.linked.v1',
      data: { personId: 'P-1', decision: 'MATCH', householdId: 'H-P-1' },
    });
    expect(JSON.parse(messages[2].value)).toMatchObject({
      type: 'assist.person.merged.v1',
      data: { type: 'MERGED', survivorId: 'P-1', mergedIds: ['P-7'] },
    });
    expect(messages[3].partition).toBe(4);
    expect(JSON.parse(messages[3].value)).toEqual({
      sourceTopic: 't.hub.intake.accepted',
      sourcePartition: 4,
      events: [],
      merges: [{ type: 'MERGED', survivorId: 'P-1', mergedIds: ['P-7'] }],
      reviewHolds: [
        {
          source: '/330502/health/yb',
          sourcePersonId: 'S-3',
          personId: 'P-3',
          candidatePersonId: 'P-9',
          open: true,
          openedAt: '2026-03-03T09:00:00+08:00',
        },
      ],
    });
  });

  it("announces a review pair a new link settled: MATCH to the record's own person, and the hold lifted", () => {
    const settled: ChunkOutcome = {
      ...outcome('P-3', { link: link('MATCH', 'S-4', 'P-3') }),
      settledReviews: [
        { reviewId: '7', candidatePersonId: 'P-9', link: link('MATCH', 'S-3', 'P-3'), householdId: 'H-P-3' },
      ],
    };
    const messages = decisionMessages(topics, batch, [settled], ['2026-03-04T09:00:00+08:00']);
    expect(messages.map((m) => [m.topic, m.key])).toEqual([
      ['t.persons.links', 'P-3'],
      ['t.persons.links', 'P-3'],
      ['t.hub.events.linked', 't.hub.intake.accepted:4'],
    ]);
    expect(JSON.parse(messages[1].value).data).toMatchObject({
      sourcePersonId: 'S-3',
      personId: 'P-3',
      decision: 'MATCH',
      householdId: 'H-P-3',
    });
    expect(JSON.parse(messages[2].value).reviewHolds).toEqual([lifted]);
    // The feed of the joining record's event lifts it too, as it opens pairs (the outbox's copy comes after).
    const feed = linkedEventValues(
      batch.topic,
      4,
      { events: [event('e4', { person: person('S-4') })], recordOf: [0], progress: [], recordTimes: ['2026-03-04'] },
      [settled],
    ).map((v) => JSON.parse(v) as LinkedEventBatch);
    expect(feed.at(-1)!.reviewHolds).toEqual([lifted]);
  });

  it('tells one MATCH for a record whose pairs against two candidates were both settled, and lifts both holds', () => {
    const settled: ChunkOutcome = {
      ...outcome('P-3', { link: link('MATCH', 'S-4', 'P-3') }),
      settledReviews: ['P-8', 'P-9'].map((candidatePersonId, i) => ({
        reviewId: String(7 + i),
        candidatePersonId,
        link: link('MATCH', 'S-3', 'P-3'),
        householdId: 'H-P-3',
      })),
    };
    const messages = decisionMessages(topics, batch, [settled], ['2026-03-04T09:00:00+08:00']);
    const links = messages.filter((m) => m.topic === 't.persons.links').map((m) => JSON.parse(m.value).data);
    expect(links.map((l) => l.sourcePersonId)).toEqual(['S-4', 'S-3']);
    const holds = JSON.parse(messages.at(-1)!.value).reviewHolds;
    expect(holds.map((h: { candidatePersonId: string; open: boolean }) => [h.candidatePersonId, h.open])).toEqual([
      ['P-8', false],
      ['P-9', false],
    ]);
  });

  it("announces a second look's merge, then the review pair it settled, and lifts the hold in the record's feed", () => {
    const merge = { survivorId: 'P-3', mergedIds: ['P-5'] };
    const settled = {
      reviewId: '7',
      candidatePersonId: 'P-9',
      link: link('MATCH', 'S-3', 'P-3'),
      householdId: 'H-P-3',
    };
    const messages = secondLookMessages(topics, batch, [merge], [settled]);
    expect(messages.map((m) => [m.topic, JSON.parse(m.value).type ?? 'feed'])).toEqual([
      ['t.persons.links', 'assist.person.merged.v1'],
      ['t.persons.links', 'assist.person.linked.v1'],
      ['t.hub.events.linked', 'feed'],
    ]);
    expect(JSON.parse(messages[1].value).data).toMatchObject({
      sourcePersonId: 'S-3',
      personId: 'P-3',
      decision: 'MATCH',
    });
    expect(JSON.parse(messages[2].value)).toMatchObject({
      merges: [{ survivorId: 'P-3', mergedIds: ['P-5'] }],
      reviewHolds: [lifted],
    });
    const feed = linkedEventValues(
      batch.topic,
      4,
      { events: [event('e4', { person: person('S-4') })], recordOf: [0], progress: [], recordTimes: ['2026-03-04'] },
      [{ ...outcome('P-3'), secondLook: { merges: [merge], settledReviews: [settled] } }],
    ).map((v) => JSON.parse(v) as LinkedEventBatch);
    expect(feed.at(-1)!.reviewHolds).toEqual([lifted]);
    expect(secondLookMessages(topics, batch, [], [])).toEqual([]);
  });

  it('says nothing when nothing was decided', () => {
    expect(decisionMessages(topics, batch, [outcome('P-2')], ['2026-03-02T09:00:00+08:00'])).toEqual([]);
  });

  it('tells the department of each record sent to review, on its own feedback topic (contract 8)', () => {
    const messages = reviewFeedback(
      topics,
      [
        outcome('P-1', { link: link('MATCH', 'S-1', 'P-1') }),
        outcome('P-3', { link: link('POSSIBLE_MATCH', 'S-3', 'P-9') }),
      ],
      ['e1', 'e3'],
    );
    expect(messages.map((m) => [m.topic, m.key])).toEqual([['t.feedback.health', 'S-3']]);
    expect(JSON.parse(messages[0].value)).toMatchObject({
      type: 'assist.feedback.v1',
      data: {
        source: '/330502/health/yb',
        eventId: 'e3',
        sourcePersonId: 'S-3',
        outcome: 'NEEDS_REVIEW',
        codes: ['POSSIBLE_MATCH'],
        detail: expect.stringContaining('匹配分 9.0'),
      },
    });
  });
});
