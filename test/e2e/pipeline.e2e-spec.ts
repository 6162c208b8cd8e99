import { DEPARTMENTS } from '@hub/contract';
import { MessageBus } from '@hub/kafka';
import { FeedMessage, GeneratedFeed, generateFeed } from '../generator/feed';
import { publishFeed } from '../generator/publish';
import { CountyResult, runCounty as runCountyWith } from '../support/county-run';
import { newBus } from '../support/e2e-env';

/** The county through the shared plaintext broker, every department's events from one producer. */
function runCounty(bus: MessageBus, feed: GeneratedFeed, messages: FeedMessage[]): Promise<CountyResult> {
  return runCountyWith(feed, messages, {
    publish: async (topics, feedMessages, clock) => {
      await publishFeed(bus, topics, feedMessages, { progress: false });
      await bus.publish(clock);
    },
  });
}

/**
 * The whole hub: a generated county (noisy identities in six departments, every rule's condition
 * fulfilled in time for ordinary households, one planted case per rule of contract section 7).
 */
describe('the pipeline, intake to alerts', () => {
  let bus: MessageBus;
  const feed = generateFeed({ seed: 17, households: 300, plantedPerRule: 1, resendShare: 0.01 });
  let inOrder: Awaited<ReturnType<typeof runCounty>>;

  beforeAll(() => {
    bus = newBus();
  });

  afterAll(async () => {
    await bus?.close();
  });

  it('finds every planted duplicate and omission, and raises no alert that was not planted', async () => {
    inOrder = await runCounty(bus, feed, feed.messages);
    expect(inOrder.missed.map((c) => c.ruleId)).toEqual([]);
    expect(inOrder.unplanted.map((a) => `${a.ruleId} ${a.status}`)).toEqual([]);
    expect(inOrder.found).toHaveLength(11);
  });

  it('raises the same alerts when the departments arrive one after another, in reverse order', async () => {
    // Each department's own events stay in order; across departments, whole months arrive late.
    const byDepartment = [...DEPARTMENTS].reverse().flatMap((d) => feed.messages.filter((m) => m.department === d));
    const outOfOrder = await runCounty(bus, feed, byDepartment);
    expect([...outOfOrder.statuses].sort()).toEqual([...inOrder.statuses].sort());
  });
});
