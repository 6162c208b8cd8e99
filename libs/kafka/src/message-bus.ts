/**
 * The hub's own small interface to Kafka. Services depend on this, never on kafkajs, so the client
 * (kafkajs is in maintenance mode) can be swapped for another without touching them.
 */
export type HeaderValue = Buffer | string;

export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, HeaderValue | HeaderValue[] | undefined>;
  timestamp: string;
}

export interface OutboundMessage {
  topic: string;
  /** Chosen by the key's hash when absent. */
  partition?: number;
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, HeaderValue | HeaderValue[] | undefined>;
}

/** Messages of one partition, in offset order. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: InboundMessage[];
  /** Call during long work so the group does not think the consumer died. */
  heartbeat(): Promise<void>;
}

export interface BatchConsumerOptions {
  /** Called when the client gives up (a non-retriable error); the consumer has stopped. */
  onFatal?: (error: Error) => void;
  /** Called after each (re)join of the group with this member's partitions per topic. */
  onAssigned?: (assignment: Record<string, number[]>) => void;
  groupId: string;
  topics: string[];
  /** How many partitions are processed at once (order within a partition is always kept). */
  partitionConcurrency: number;
  fromBeginning: boolean;
  maxBytesPerPartition?: number;
}

/**
 * The handler's promise resolving means the batch's work is durable: only then is the batch's last
 * offset committed. A rejected promise leaves the offsets alone and the batch is delivered again.
 */
export type BatchHandler = (batch: PartitionBatch) => Promise<void>;

export interface RunningConsumer {
  stop(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Topic-level settings (e.g. max.message.bytes), applied on creation and on existing topics. */
  config?: Record<string, string>;
}

export interface PartitionOffsets {
  partition: number;
  /** Offset of the first retained message. */
  low: string;
  /** Offset the next message will get: low..high-1 are in the partition. */
  high: string;
}

/** Where a consumer group stands on one partition: the offset of the next message it will read. */
export interface GroupPartitionOffset {
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
}

/** A topic's partition as one string, for maps in memory (nothing stores it). */
export const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** One message asked for by its position. */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

export interface MessageBus {
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** Names of the topics on the cluster. */
  listTopics(): Promise<string[]>;
  /**
   * Committed offsets of the consumer groups whose id passes `groupFilter`, on the given topics; a
   * group that committed nothing on a topic is left out (it is not consuming it).
   */
  groupOffsets(topics: string[], groupFilter: (groupId: string) => boolean): Promise<GroupPartitionOffset[]>;
  /**
   * The messages at the given positions, read without joining any group that commits; a position
   * whose message does not arrive within timeoutMs (deleted, or past the end) is missing from the answer.
   */
  fetchMessages(positions: MessagePosition[], timeoutMs?: number): Promise<InboundMessage[]>;
  /**
   * Resolves once every message is acknowledged by all in-sync replicas. At least once: a retried
   * request can write a message twice, so consumers deduplicate (intake by source+id).
   */
  publish(messages: OutboundMessage[]): Promise<void>;
  consume(options: BatchConsumerOptions, handler: BatchHandler): Promise<RunningConsumer>;
  /**
   * Whether a broker answers a metadata request within timeoutMs, tried once (no retries): for
   * readiness, which must say "not ready" while the broker is away and "ready" once it is back,
   * while the clients' own retries wait for it.
   */
  brokerReachable(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
