import { DEPARTMENTS, Department } from '@hub/contract';

/**
 * The pre-payment check's request topic (Nest's Kafka request-reply; answers on `<topic>.reply`). Not
 * namespaced: @MessagePattern names its topic when the class is declared, before any settings exist.
 */
export const PREPAYMENT_CHECK_TOPIC = 'hub.prepayment.check';

/**
 * Every topic the hub reads or writes, in one place. A namespace prefix (TOPIC_NAMESPACE) lets
 * tests and benchmarks share one broker without seeing each other's traffic; production leaves it empty.
 */
export class TopicNames {
  constructor(readonly namespace = '') {}

  intake(department: Department): string {
    return `${this.namespace}intake.${department}`;
  }

  get allIntake(): string[] {
    return DEPARTMENTS.map((d) => this.intake(d));
  }

  /** The department a topic belongs to, from the topic name alone (never from the message). */
  departmentOf(topic: string): Department | undefined {
    const prefix = `${this.namespace}intake.`;
    if (!topic.startsWith(prefix)) return undefined;
    const d = topic.slice(prefix.length);
    return (DEPARTMENTS as readonly string[]).includes(d) ? (d as Department) : undefined;
  }

  /** Contract v1.1 (section 8): what the hub tells a department about its own data; readable by that department only. */
  feedback(department: Department): string {
    return `${this.namespace}feedback.${department}`;
  }

  get allFeedback(): string[] {
    return DEPARTMENTS.map((d) => this.feedback(d));
  }

  get deadLetter(): string {
    return `${this.namespace}intake.dead-letter`;
  }
  get personLinks(): string {
    return `${this.namespace}persons.links`;
  }
  get duplicateAlerts(): string {
    return `${this.namespace}alerts.duplicate`;
  }
  get omissionAlerts(): string {
    return `${this.namespace}alerts.omission`;
  }
  /** Contract v1.1 (section 8): 追回 cases opened from duplicate alerts, and every change of them. */
  get recoveryCases(): string {
    return `${this.namespace}cases.recovery`;
  }
  /** Internal: accepted events, parsed, for the matcher. Not part of the public contract. */
  get acceptedEvents(): string {
    return `${this.namespace}hub.intake.accepted`;
  }
  /** Internal: accepted events tied to persons and households, and merges, for the detector. */
  get linkedEvents(): string {
    return `${this.namespace}hub.events.linked`;
  }

  /**
   * Topics the hub creates on start-up, with their partition counts and settings. `eventRetentionDays`
   * (KAFKA_INTAKE_RETENTION_DAYS) bounds how long the topics that carry departments' events, and so personal
   * data, keep them: the intake topics, dead letters, the two internal feeds and the pre-payment checks. Unset: the broker's default.
   */
  provisioning(
    intakePartitions: number,
    eventRetentionDays?: number,
  ): { topic: string; partitions: number; config?: Record<string, string> }[] {
    const retention: Record<string, string> = eventRetentionDays
      ? { 'retention.ms': String(eventRetentionDays * 24 * 60 * 60 * 1000) }
      : {};
    const withRetention = (config: Record<string, string> = {}): { config?: Record<string, string> } => {
      const merged = { ...config, ...retention };
      return Object.keys(merged).length ? { config: merged } : {};
    };
    return [
      ...this.allIntake.map((topic) => ({ topic, partitions: intakePartitions, ...withRetention() })),
      { topic: this.deadLetter, partitions: intakePartitions, ...withRetention() },
      ...this.allFeedback.map((topic) => ({ topic, partitions: intakePartitions })),
      { topic: this.personLinks, partitions: intakePartitions },
      { topic: this.duplicateAlerts, partitions: 3 },
      { topic: this.omissionAlerts, partitions: 3 },
      { topic: this.recoveryCases, partitions: 3 },
      // Several accepted-event batches can share one produce request: allow record batches above 1 MiB.
      {
        topic: this.acceptedEvents,
        partitions: intakePartitions,
        ...withRetention({ 'max.message.bytes': String(16 * 1024 * 1024) }),
      },
      {
        topic: this.linkedEvents,
        partitions: intakePartitions,
        ...withRetention({ 'max.message.bytes': String(16 * 1024 * 1024) }),
      },
      // Checks name people by ID number: the same bound as the events.
      { topic: PREPAYMENT_CHECK_TOPIC, partitions: 1, ...withRetention() },
      { topic: `${PREPAYMENT_CHECK_TOPIC}.reply`, partitions: 1, ...withRetention() },
    ];
  }
}
