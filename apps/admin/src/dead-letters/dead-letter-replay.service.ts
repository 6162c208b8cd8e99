import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { AuditLog } from '../audit/audit-log';
import { Actor } from '../auth/actor';
import { replayMessage } from './dead-letter-message';
import { DeadLetterStore, StoredDeadLetter } from './dead-letter-store';

/** At most this many dead letters in one "replay all of a code": the rest wait for the next click. */
export const BULK_REPLAY_LIMIT = 5000;

/**
 * Replays dead letters to their intake topic. The replay rows and the audit row are written in one
 * transaction around the publish: a publish that fails rolls them back, so the log never claims a
 * replay that did not happen (a commit failing after the publish would leave one unrecorded; intake
 * processes a source+id once, so replaying it again is harmless).
 */
@Injectable()
export class DeadLetterReplayService {
  constructor(
    private readonly db: DataSource,
    private readonly store: DeadLetterStore,
    private readonly audit: AuditLog,
    private readonly topics: TopicNames,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /** One dead letter; `department` narrows it for a department user (another department's is not found). */
  async replayOne(
    id: string,
    department: string | undefined,
    actor: Actor,
  ): Promise<{ replayed: number; ids: string[] }> {
    return this.db.transaction(async (tx) => {
      const letter = await this.store.get(id, tx);
      if (!letter || (department && letter.department !== department))
        throw new NotFoundException(`no dead letter ${id}`);
      const target = this.replayTopic(letter);
      await this.bus.publish([replayMessage(letter.id, letter)]);
      await this.store.recordReplays(tx, [letter.id], actor, false, [target]);
      await this.audit.record(
        {
          ...actor,
          action: 'deadletter.replayed',
          target: letter.id,
          detail: { department: letter.department, code: letter.errorCode, topic: target },
        },
        tx,
      );
      return { replayed: 1, ids: [letter.id] };
    });
  }

  /** Every dead letter of one department and code not replayed yet (after the department fixed its system). */
  async replayCode(department: string, code: string, actor: Actor): Promise<{ replayed: number; ids: string[] }> {
    return this.db.transaction(async (tx) => {
      const letters = await this.store.notReplayed(tx, department, code, BULK_REPLAY_LIMIT);
      if (letters.length === 0) return { replayed: 0, ids: [] };
      const targets = letters.map((l) => this.replayTopic(l));
      await this.bus.publish(letters.map((l) => replayMessage(l.id, l)));
      await this.store.recordReplays(
        tx,
        letters.map((l) => l.id),
        actor,
        true,
        targets,
      );
      const ids = letters.map((l) => l.id);
      await this.audit.record(
        {
          ...actor,
          action: 'deadletter.replayed.code',
          target: `${department}/${code}`,
          detail: { department, code, count: ids.length, firstId: ids[0], lastId: ids[ids.length - 1] },
        },
        tx,
      );
      return { replayed: ids.length, ids };
    });
  }

  /** Only back to one of this hub's intake topics: a forged x-source-topic must not make the admin publish elsewhere. */
  private replayTopic(letter: Pick<StoredDeadLetter, 'id' | 'sourceTopic'>): string {
    if (!letter.sourceTopic || !this.topics.departmentOf(letter.sourceTopic)) {
      throw new ConflictException({
        code: 'NOT_REPLAYABLE',
        message: `dead letter ${letter.id} does not name an intake topic of this hub as its source`,
      });
    }
    return letter.sourceTopic;
  }
}
