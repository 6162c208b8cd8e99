import { Inject, Injectable, Logger } from '@nestjs/common';
import { InboundMessage, MESSAGE_BUS, MessageBus, OutboundMessage, PartitionBatch } from '@hub/kafka';
import { TopicNames, batchedEventValues, feedbackMessage, markLastValue } from '@hub/topics';
import { GroupCommit } from '@hub/runtime';
import { AcceptedDecode, decodeBatch } from './decode-batch';
import { EventStore, StoreCandidate, StoreOutcome } from './event-store';
import { Rejection, deadLetterFeedback, deadLetterMessage, flaggedFeedback, routeStored } from './intake-outputs';
import { IntakeSettings } from './intake.settings';
import { IntakeStats } from './intake-stats';

const FEEDBACK_SOURCE = '/hub/intake';

/**
 * One partition batch: decode and validate every message, append the accepted
 * ones to the event store, then publish dead letters and the matcher's feed. Resolving means all of it
 * is durable, and only then does the consumer commit the batch's offsets.
 */
@Injectable()
export class IntakeBatchProcessor {
  private readonly logger = new Logger('IntakeBatch');
  /** The batches of one fetch store their events in one statement and publish in one request (GroupCommit). */
  readonly storing = new GroupCommit<StoreCandidate, StoreOutcome>((candidates) => this.store.append(candidates));
  readonly publishing = new GroupCommit<OutboundMessage, never>(async (messages) => {
    await this.bus.publish(messages);
    return [];
  });

  constructor(
    private readonly settings: IntakeSettings,
    private readonly topics: TopicNames,
    private readonly store: EventStore,
    private readonly stats: IntakeStats,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async process(batch: PartitionBatch): Promise<void> {
    const department = this.topics.departmentOf(batch.topic);
    if (!department) throw new Error(`intake subscribed to ${batch.topic}, which is not an intake topic`);
    const results = decodeBatch(
      {
        topic: batch.topic,
        partition: batch.partition,
        department,
        maxValueBytes: this.settings.INTAKE_MAX_VALUE_BYTES,
      },
      batch.messages,
    );

    const accepted: { message: InboundMessage; decoded: AcceptedDecode }[] = [];
    const rejected: Rejection[] = [];
    results.forEach((r, i) => {
      if (r.ok) accepted.push({ message: batch.messages[i], decoded: r });
      else rejected.push({ message: batch.messages[i], code: r.code, detail: r.detail });
    });

    await batch.heartbeat();
    const candidates = accepted.map(({ message, decoded }): StoreCandidate => ({
      source: decoded.source,
      id: decoded.id,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      rowJson: decoded.rowJson,
      dataJson: decoded.dataJson,
      sourcePersonId: decoded.sourcePersonId,
    }));
    const stored = candidates.length ? await this.storing.submit(candidates) : [];

    const { forMatcher, refused, kept } = routeStored(accepted, stored);
    rejected.push(...refused);
    for (const kind of kept) this.stats.record(department, kind);

    const throughOffset = batch.messages[batch.messages.length - 1].offset;
    const outbound: OutboundMessage[] = this.acceptedBatches(batch.topic, batch.partition, forMatcher, throughOffset);
    const codes: Record<string, number> = {};
    // What the department should correct at the source (contract §8), on its own feedback topic.
    const feedback = [...flaggedFeedback(accepted, stored), ...rejected.map(deadLetterFeedback)];
    outbound.push(...feedback.map((f) => feedbackMessage(this.topics, department, FEEDBACK_SOURCE, f)));
    for (const r of rejected) {
      outbound.push(deadLetterMessage(this.topics.deadLetter, r));
      this.stats.record(department, { deadLetter: r.code });
      codes[r.code] = (codes[r.code] ?? 0) + 1;
    }
    if (outbound.length) await this.publishing.submit(outbound);
    if (rejected.length) {
      // Codes and counts only: a dead letter's content may hold personal data.
      this.logger.warn(
        `${batch.topic}[${batch.partition}] dead-lettered ${rejected.length} of ${batch.messages.length}: ${JSON.stringify(codes)}`,
      );
    }
  }

  /**
   * AcceptedEventBatch values, built from already-serialised events and split below the size limit; the last
   * says the source partition is dealt with through the batch's last offset (sent even with no events, so
   * that a batch of duplicates and dead letters still tells event time it has passed).
   */
  private acceptedBatches(
    sourceTopic: string,
    sourcePartition: number,
    events: string[],
    throughOffset: string,
  ): OutboundMessage[] {
    const head = `{"sourceTopic":${JSON.stringify(sourceTopic)},"sourcePartition":${sourcePartition},"events":[`;
    const partition = sourcePartition % this.settings.INTAKE_PARTITIONS;
    return markLastValue(head, batchedEventValues(head, events), { sourceThroughOffset: throughOffset }).map(
      (value) => ({ topic: this.topics.acceptedEvents, partition, key: `${sourceTopic}:${sourcePartition}`, value }),
    );
  }
}
