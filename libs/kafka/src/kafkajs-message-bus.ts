import {
  Admin,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ConfigResourceTypes,
  Consumer,
  Kafka,
  KafkaConfig,
  KafkaMessage,
  Partitioners,
  Producer,
  ResourcePatternTypes,
  SASLOptions,
  logLevel,
} from 'kafkajs';
import { randomBytes } from 'node:crypto';
import {
  BatchConsumerOptions,
  BatchHandler,
  GroupPartitionOffset,
  InboundMessage,
  MessageBus,
  MessagePosition,
  OutboundMessage,
  PartitionOffsets,
  RunningConsumer,
  TopicSpec,
  partitionKey,
} from './message-bus';

/** How the hub's clients prove themselves to the brokers (issue 12): TLS, and a SASL principal of their own. */
export interface KafkaSecurity {
  /** TLS to the brokers, verified against the system's CAs or the PEM of the CA that signed them. */
  tls?: { ca?: string };
  /** SCRAM (or PLAIN, over TLS only) credentials of this service's principal, or an OAUTHBEARER token source. */
  sasl?:
    | { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string }
    | { mechanism: 'oauthbearer'; token: () => Promise<string> };
}

/** How the hub provisions topics: created and kept configured by it, or provisioned by the cluster's operators. */
export interface TopicPolicy {
  /** false: never create or alter a topic; a missing one is an error naming it. */
  manage: boolean;
  replicationFactor: number;
  /** min.insync.replicas of the topics it creates (the broker's default when unset). */
  minInsyncReplicas?: number;
}

export interface KafkajsOptions {
  brokers: string[];
  clientId: string;
  security?: KafkaSecurity;
  topics?: TopicPolicy;
  /** Receives kafkajs' own log lines; by default only warnings and errors go to stderr. */
  log?: (level: 'error' | 'warn' | 'info', message: string) => void;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
};

function toInbound(topic: string, partition: number, m: KafkaMessage): InboundMessage {
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key,
    value: m.value,
    headers: m.headers ?? {},
    timestamp: m.timestamp,
  };
}

/** The broker's default max.message.bytes (1 MiB), for topics whose own setting this bus has not seen. */
const DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;
/** Share of a topic's limit one request may fill: room for batch and record headers. */
const BATCH_FILL = 0.75;

function messageBytes(m: OutboundMessage): number {
  const size = (v: string | Buffer | null | undefined) =>
    v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length;
  return size(m.value) + size(m.key) + 64;
}

/** kafkajs' ssl and sasl options for the hub's security settings (nothing when none: plaintext, no principal). */
export function connectionSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const ssl = security?.tls
    ? security.tls.ca
      ? { ca: [security.tls.ca], rejectUnauthorized: true }
      : true
    : undefined;
  const given = security?.sasl;
  const sasl: SASLOptions | undefined =
    given?.mechanism === 'oauthbearer'
      ? { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: await given.token() }) }
      : given;
  return { ...(ssl ? { ssl } : {}), ...(sasl ? { sasl } : {}) };
}

/**
 * Groups the bus reads single messages through (fetchMessages) are named with this prefix and a random tail,
 * so a secured cluster can allow a client exactly those.
 */
export function peekGroupPrefix(clientId: string): string {
  return `${clientId}.peek.`;
}

/** One ALLOW rule of the broker's authorizer (StandardAuthorizer: nothing is allowed that no rule allows). */
export interface AclRule {
  principal: string;
  resource: 'TOPIC' | 'GROUP';
  name: string;
  pattern: 'LITERAL' | 'PREFIXED';
  operation: 'READ' | 'WRITE' | 'DESCRIBE';
}

export class KafkajsMessageBus implements MessageBus {
  /** max.message.bytes of topics this bus provisioned; others get the broker default. */
  private readonly maxBatchBytes = new Map<string, number>();

  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkajsOptions) {
    const log =
      options.log ?? ((level, message) => level !== 'info' && process.stderr.write(`[kafkajs] ${level}: ${message}\n`));
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...connectionSecurity(options.security),
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 300, retries: 10 },
      logCreator:
        () =>
        ({ level, log: entry }) => {
          // A fresh group's first coordinator lookup always fails once; it is retried and is not news.
          if (entry.error === 'The group coordinator is not available') return;
          log(LEVELS[level] ?? 'info', `${entry.message}${entry.error ? `: ${entry.error}` : ''}`);
        },
    });
  }

  private getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const p = this.kafka.producer({
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await p.connect();
      return p;
    })();
    return this.producer;
  }

  private getAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const a = this.kafka.admin();
      await a.connect();
      return a;
    })();
    return this.admin;
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (const t of topics) {
      const limit = Number(t.config?.['max.message.bytes']);
      if (limit > 0) this.maxBatchBytes.set(t.topic, limit);
    }
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    const policy = this.options.topics ?? { manage: true, replicationFactor: 1 };
    if (!policy.manage) {
      if (missing.length)
        throw new Error(
          `topics missing and KAFKA_MANAGE_TOPICS=false (the hub creates none): ${missing.map((t) => `${t.topic} (${t.partitions} partitions)`).join(', ')}`,
        );
      return;
    }
    if (missing.length) await this.createTopics(admin, missing, policy);
    // Every topic with settings, the ones just created too: a topic created a moment before (another service, this
    // one's previous call) may be missing from the broker's metadata still, and "creating" it again changes nothing
    // (CI 2026-12-07: intake.health kept the broker's retention). One created here has its settings and is left as is.
    const configured = topics.filter((t) => t.config);
    if (configured.length === 0) return;
    // AlterConfigs (kafkajs has no incremental variant) replaces a topic's whole configuration, so
    // only topics whose settings differ are altered, and with their other explicit settings kept.
    const described = await whileTopicUnknown(() =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: configured.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic })),
      }),
    );
    const alter = configured.flatMap((t) => {
      const current = described.resources.find((r) => r.resourceName === t.topic)?.configEntries ?? [];
      const differs = Object.entries(t.config!).some(
        ([name, value]) => current.find((c) => c.configName === name)?.configValue !== value,
      );
      if (!differs) return [];
      const kept = current
        .filter((c) => !c.isDefault && !c.readOnly && !(c.configName in t.config!))
        .map((c) => ({ name: c.configName, value: c.configValue }));
      return [
        {
          type: ConfigResourceTypes.TOPIC,
          name: t.topic,
          configEntries: [...kept, ...Object.entries(t.config!).map(([name, value]) => ({ name, value }))],
        },
      ];
    });
    if (alter.length) await admin.alterConfigs({ validateOnly: false, resources: alter });
  }

  /**
   * Grants ALLOW rules from any host; a rule the broker has already is granted again without change. Needs a
   * principal that may alter the cluster's ACLs (the operator's); not on the MessageBus port, no service does it.
   */
  async grantAcls(rules: AclRule[], timeoutMs = 30_000): Promise<void> {
    if (rules.length === 0) return;
    const admin = await this.getAdmin();
    const entries = rules.map((r) => ({
      principal: r.principal,
      host: '*',
      permissionType: AclPermissionTypes.ALLOW,
      operation: AclOperationTypes[r.operation],
      resourceType: AclResourceTypes[r.resource],
      resourceName: r.name,
      resourcePatternType: ResourcePatternTypes[r.pattern],
    }));
    await admin.createAcls({ acl: entries });
    // The controller has them now; the broker's authorizer applies them when its metadata catches up. A client
    // started before that would be refused, so return once the broker describes every one of them.
    const key = (e: {
      principal: string;
      operation: number;
      resourceType: number;
      resourceName: string;
      resourcePatternType: number;
    }) => `${e.principal}|${e.operation}|${e.resourceType}|${e.resourceName}|${e.resourcePatternType}`;
    const wanted = new Set(entries.map(key));
    for (const deadline = Date.now() + timeoutMs; ;) {
      const described = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ALLOW,
      });
      const present = new Set(
        described.resources.flatMap((r) =>
          r.acls.map((a) =>
            key({
              ...a,
              resourceType: r.resourceType,
              resourceName: r.resourceName,
              resourcePatternType: r.resourcePatternType,
            }),
          ),
        ),
      );
      const absent = [...wanted].filter((k) => !present.has(k));
      if (absent.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${absent.length} ACLs granted but not in force after ${timeoutMs} ms, e.g. ${absent[0]}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * Creates topics and waits for their leaders. Right after creation a broker may still answer
   * UNKNOWN_TOPIC_OR_PARTITION for them (its metadata trails the controller's), which kafkajs' wait for
   * leaders does not retry: those are waited for here, and created again only if still missing.
   */
  private async createTopics(admin: Admin, missing: TopicSpec[], policy: TopicPolicy): Promise<void> {
    let left = missing;
    await whileTopicUnknown(
      async () => {
        if (left.length === 0) return;
        await admin.createTopics({
          waitForLeaders: true,
          topics: left.map((t) => ({
            topic: t.topic,
            numPartitions: t.partitions,
            replicationFactor: policy.replicationFactor,
            configEntries: Object.entries({
              ...(policy.minInsyncReplicas ? { 'min.insync.replicas': String(policy.minInsyncReplicas) } : {}),
              ...(t.config ?? {}),
            }).map(([name, value]) => ({ name, value })),
          })),
        });
      },
      async () => {
        const now = new Set(await admin.listTopics());
        left = left.filter((t) => !now.has(t.topic));
      },
    );
  }

  async topicOffsets(topic: string): Promise<PartitionOffsets[]> {
    const admin = await this.getAdmin();
    // kafkajs gives up at once on NOT_LEADER_FOR_PARTITION, which a broker answers while a partition
    // is still settling (topic just created, broker restarting, a loaded machine): a short wait, again.
    for (let attempt = 1; ; attempt++) {
      try {
        const offsets = await admin.fetchTopicOffsets(topic);
        return offsets
          .map((o) => ({ partition: o.partition, low: o.low, high: o.high }))
          .sort((a, b) => a.partition - b.partition);
      } catch (e) {
        const type = (e as { type?: string }).type;
        if (attempt >= 4 || (type !== 'NOT_LEADER_FOR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE')) throw e;
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  async listTopics(): Promise<string[]> {
    return (await this.getAdmin()).listTopics();
  }

  async groupOffsets(topics: string[], groupFilter: (groupId: string) => boolean): Promise<GroupPartitionOffset[]> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const wanted = topics.filter((t) => existing.has(t));
    if (wanted.length === 0) return [];
    const { groups } = await admin.listGroups();
    const result: GroupPartitionOffset[] = [];
    for (const { groupId } of groups.filter((g) => g.protocolType === 'consumer' && groupFilter(g.groupId))) {
      for (const t of await admin.fetchOffsets({ groupId, topics: wanted })) {
        for (const p of t.partitions)
          if (Number(p.offset) >= 0) result.push({ groupId, topic: t.topic, partition: p.partition, offset: p.offset });
      }
    }
    return result;
  }

  /**
   * kafkajs has no fetch by offset outside a consumer group, so a throw-away group with a random id
   * is joined, never commits (autoCommit off: it leaves no offsets, and the broker forgets it), and
   * seeks each asked partition to its offset; partitions not asked start at the end and bring nothing.
   */
  async fetchMessages(positions: MessagePosition[], timeoutMs = 10_000): Promise<InboundMessage[]> {
    if (positions.length === 0) return [];
    const wanted = new Map(positions.map((p) => [partitionKey(p.topic, p.partition), BigInt(p.offset)]));
    const found = new Map<string, InboundMessage>();
    const consumer = this.kafka.consumer({
      groupId: `${peekGroupPrefix(this.options.clientId)}${randomBytes(6).toString('hex')}`,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 1024 * 1024,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...new Set(positions.map((p) => p.topic))], fromBeginning: false });
      let done!: () => void;
      const complete = new Promise<void>((resolve) => (done = resolve));
      await consumer.run({
        autoCommit: false,
        eachBatch: ({ batch }) => {
          const k = partitionKey(batch.topic, batch.partition);
          const offset = wanted.get(k);
          if (offset === undefined || found.has(k)) return Promise.resolve();
          const m = batch.messages.find((x) => BigInt(x.offset) === offset);
          if (m) found.set(k, toInbound(batch.topic, batch.partition, m));
          if (found.size === wanted.size) done();
          return Promise.resolve();
        },
      });
      for (const p of positions) consumer.seek({ topic: p.topic, partition: p.partition, offset: p.offset });
      await Promise.race([complete, new Promise((r) => setTimeout(r, timeoutMs))]);
    } finally {
      await consumer.disconnect();
    }
    return positions
      .map((p) => found.get(partitionKey(p.topic, p.partition)))
      .filter((m): m is InboundMessage => m !== undefined);
  }

  /**
   * Sends in order, in as many requests as it takes: kafkajs puts all of a request's messages for one
   * partition into one record batch, and a batch above the topic's max.message.bytes (1 MiB unless
   * ensureTopics set more) is refused whole, however small each message is.
   */
  async publish(messages: OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    for (let start = 0; start < messages.length;) {
      let end = start;
      const topicBytes = new Map<string, number>();
      while (end < messages.length) {
        const m = messages[end];
        const bytes = (topicBytes.get(m.topic) ?? 0) + messageBytes(m);
        if (end > start && bytes > BATCH_FILL * (this.maxBatchBytes.get(m.topic) ?? DEFAULT_MAX_BATCH_BYTES)) break;
        topicBytes.set(m.topic, bytes);
        end++;
      }
      const byTopic = new Map<string, OutboundMessage[]>();
      for (const m of messages.slice(start, end)) {
        const list = byTopic.get(m.topic);
        if (list) list.push(m);
        else byTopic.set(m.topic, [m]);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({
            key: m.key ?? null,
            value: m.value,
            headers: m.headers as never,
            partition: m.partition,
          })),
        })),
      });
      start = end;
    }
  }

  async consume(options: BatchConsumerOptions, handler: BatchHandler): Promise<RunningConsumer> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 2 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      // kafkajs waits up to 5 s by default on a fetch; with partitions processed concurrently it often
      // waits all of it, and three hops (intake, matcher, detector) made an alert 15 s late.
      maxWaitTimeInMs: 200,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => options.onAssigned?.(payload.memberAssignment));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) options.onFatal?.(payload.error);
    });
    await consumer.connect();
    for (const topic of options.topics) await consumer.subscribe({ topic, fromBeginning: options.fromBeginning });
    this.consumers.add(consumer);
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionConcurrency,
      // kafkajs declares the payload's functions as methods, but they are closures over the batch: unbound is fine.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        await handler({
          topic: batch.topic,
          partition: batch.partition,
          messages: batch.messages.map((m) => toInbound(batch.topic, batch.partition, m)),
          heartbeat,
        });
        // Only now is the work durable. kafkajs commits resolved offsets (and only those) after each
        // fetch round, so a crash before this line redelivers the batch.
        resolveOffset(batch.messages[batch.messages.length - 1].offset);
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async brokerReachable(timeoutMs: number): Promise<boolean> {
    // A client of its own: the bus's clients retry for many seconds, and a dead broker's connection
    // errors would be logged at every probe.
    const probe = new Kafka({
      clientId: `${this.options.clientId}.probe`,
      brokers: this.options.brokers,
      ...connectionSecurity(this.options.security),
      logLevel: logLevel.NOTHING,
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      retry: { retries: 0 },
    }).admin();
    let timer: NodeJS.Timeout | undefined;
    const answered = (async () => {
      await probe.connect();
      const { brokers } = await probe.describeCluster();
      return brokers.length > 0;
    })();
    try {
      return await Promise.race([
        answered,
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      // After the attempt settles (its own timeouts bound it): a disconnect during connect can leave the socket open.
      void answered
        .catch(() => false)
        .then(() => probe.disconnect())
        .catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    if (this.admin) await (await this.admin).disconnect();
    this.producer = undefined;
    this.admin = undefined;
  }
}

/**
 * Right after a topic is created (here or by another service) a broker may answer UNKNOWN_TOPIC_OR_PARTITION for
 * it a while: its metadata trails the controller's (CI 2026-12-07: describeConfigs of a topic another service had
 * just created). Asked this many times, waiting 200 ms more each time (9 s in all).
 */
const UNKNOWN_TOPIC_ATTEMPTS = 10;

function topicUnknown(e: unknown): boolean {
  return (e as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION';
}

/** `request` again while the broker does not know a topic yet; `beforeRetry` may narrow what it asks for. */
async function whileTopicUnknown<T>(request: () => Promise<T>, beforeRetry?: () => Promise<void>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (e) {
      if (!topicUnknown(e) || attempt >= UNKNOWN_TOPIC_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
      await beforeRetry?.();
    }
  }
}
