import { Department, EVENT_TYPES, parseSource } from '@hub/contract';
import { MessageBus } from '@hub/kafka';
import { LinkedEvent, LinkedEventBatch, TopicNames } from '@hub/topics';

/**
 * Builds hub.events.linked input by hand for detector tests: the test sets event time, arrival order
 * and who is who (person ids), which the real intake and matcher would decide.
 */
export function linkedEventFeed(topics: TopicNames, bus: MessageBus) {
  let seq = 0;
  const event = (
    department: Department,
    type: string,
    time: string,
    data: Record<string, unknown>,
    personId: string | null,
    source = `/330502/${department}/sys`,
    householdId: string | null = null,
  ): LinkedEvent => {
    seq++;
    return {
      storeSeq: String(seq),
      source,
      id: `ev-${seq}`,
      type,
      time,
      department,
      regionCode: parseSource(source)!.region,
      mode: 'structured',
      topic: topics.intake(department),
      partition: 0,
      offset: String(seq),
      receivedAt: time,
      qualityFlags: [],
      data,
      personId,
      householdId,
    };
  };
  const person = (sourcePersonId: string, name: string) => ({ sourcePersonId, name, idType: 'NONE' });
  return {
    /** How many events were built so far. */
    get count() {
      return seq;
    },
    event,
    grant: (
      department: Department,
      time: string,
      personId: string,
      benefitId: string,
      program: string,
      start: string,
      end: string,
      source?: string,
      amountFen = 50000,
    ) =>
      event(
        department,
        EVENT_TYPES.BENEFIT_GRANTED,
        time,
        {
          benefitId,
          program,
          person: person(`S-${personId}`, '王小明'),
          amountFen,
          period: { start, end },
          regionCode: '330502',
        },
        personId,
        source,
      ),
    status: (
      department: Department,
      time: string,
      personId: string,
      statusId: string,
      name: string,
      validFrom: string,
      attributes = {},
    ) =>
      event(
        department,
        EVENT_TYPES.STATUS_ASSERTED,
        time,
        { statusId, status: name, person: person(`S-${personId}`, '李秀英'), validFrom, validTo: null, attributes },
        personId,
      ),
    send: async (...events: LinkedEvent[]) => {
      const value: LinkedEventBatch = { sourceTopic: 'test', sourcePartition: 0, events };
      await bus.publish([{ topic: topics.linkedEvents, partition: 0, key: 'test', value: JSON.stringify(value) }]);
    },
  };
}
