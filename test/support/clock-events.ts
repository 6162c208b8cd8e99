import { DEPARTMENTS, EVENT_TYPES, encodeCloudEvent } from '@hub/contract';
import { OutboundMessage } from '@hub/kafka';
import { TopicNames } from '@hub/topics';

/** Event time the clock events carry: past every window of a generated 2026 feed. */
export const CLOCK_TIME = '2027-06-30T12:00:00+08:00';

/**
 * After a generated feed, one event per department and partition that concerns no rule (an EMPLOYED
 * status of a person of its own), dated mid-2027: every partition then holds event time past the
 * feed's windows, so its planted omissions are due, without leaning on the idle span (which a backlog
 * waiting in the matcher could outlast).
 */
export function clockEvents(topics: TopicNames, partitions = 6): OutboundMessage[] {
  return DEPARTMENTS.flatMap((d) =>
    Array.from({ length: partitions }, (_, partition) => {
      const id = `clock-${d}-${partition}`;
      const clock = encodeCloudEvent(
        {
          id,
          source: `/330502/${d}/clock`,
          type: EVENT_TYPES.STATUS_ASSERTED,
          time: CLOCK_TIME,
          data: {
            statusId: id,
            status: 'EMPLOYED',
            person: { sourcePersonId: id, name: '周时中' },
            validFrom: '2027-06-30',
            validTo: null,
          },
        },
        'structured',
      );
      return { topic: topics.intake(d), partition, key: id, value: clock.value, headers: clock.headers };
    }),
  );
}
