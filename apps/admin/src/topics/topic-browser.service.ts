import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus } from '@hub/kafka';
import { TopicNames } from '@hub/topics';
import { AdminSettings } from '../admin.settings';
import { MaskedMessage, maskedMessage } from '../masking/message-view';

export interface TopicView {
  topic: string;
  department: string | null;
  partitions: { partition: number; low: string; high: string }[];
}

export interface BrowsedMessage extends MaskedMessage {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
}

const asBuffer = (v: Buffer | string) => (Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8'));

/**
 * The topic browser: the hub's own topics (this namespace's), their partitions and offsets, and one
 * message at a time with personal fields masked. A department user browses its own intake topic only.
 */
@Injectable()
export class TopicBrowserService {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly topics: TopicNames,
    private readonly settings: AdminSettings,
  ) {}

  private visibleTopics(department: string | undefined): string[] {
    const hubTopics = this.topics.provisioning(this.settings.INTAKE_PARTITIONS).map((t) => t.topic);
    return department ? hubTopics.filter((t) => this.topics.departmentOf(t) === department) : hubTopics;
  }

  async list(department: string | undefined): Promise<TopicView[]> {
    const existing = new Set(await this.bus.listTopics());
    const views: TopicView[] = [];
    for (const topic of this.visibleTopics(department).filter((t) => existing.has(t))) {
      const partitions = await this.bus.topicOffsets(topic);
      views.push({
        topic,
        department: this.topics.departmentOf(topic) ?? null,
        partitions: partitions.map((p) => ({ partition: p.partition, low: p.low, high: p.high })),
      });
    }
    return views;
  }

  async message(
    topic: string,
    partition: number,
    offset: string,
    department: string | undefined,
  ): Promise<BrowsedMessage> {
    if (!this.visibleTopics(undefined).includes(topic)) throw new NotFoundException(`no hub topic ${topic}`);
    if (!this.visibleTopics(department).includes(topic))
      throw new ForbiddenException({
        code: 'OTHER_DEPARTMENT',
        message: `a ${department} user may not browse ${topic}`,
      });
    if (!(await this.bus.listTopics()).includes(topic))
      throw new NotFoundException(`topic ${topic} does not exist yet`);
    const p = (await this.bus.topicOffsets(topic)).find((x) => x.partition === partition);
    if (!p) throw new NotFoundException(`${topic} has no partition ${partition}`);
    if (BigInt(offset) < BigInt(p.low) || BigInt(offset) >= BigInt(p.high)) {
      throw new NotFoundException(
        `offset ${offset} is outside ${topic}/${partition}: messages ${p.low} to ${BigInt(p.high) - 1n} are held`,
      );
    }
    const [m] = await this.bus.fetchMessages([{ topic, partition, offset }], 10_000);
    if (!m)
      throw new NotFoundException(`no message at ${topic}/${partition}/${offset} (a transaction marker, or deleted)`);
    const headers = Object.entries(m.headers).flatMap(([name, v]) =>
      v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x): [string, Buffer] => [name, asBuffer(x)]),
    );
    return {
      topic,
      partition,
      offset: m.offset,
      timestamp: new Date(Number(m.timestamp)).toISOString(),
      ...maskedMessage(m.key, headers, m.value),
    };
  }
}
