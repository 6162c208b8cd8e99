import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 事件存储: every accepted department event, once. Append-only (a trigger refuses UPDATE and DELETE):
 * auditors must be able to trust that what a department sent is what the hub kept.
 */
@Entity({ name: 'intake_event' })
@Index('uq_intake_event_source_id', ['source', 'eventId'], { unique: true })
export class IntakeEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column({ type: 'text' }) source: string;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) department: string;
  @Column({ name: 'region_code', type: 'text' }) regionCode: string;
  @Column({ name: 'event_time', type: 'timestamptz' }) eventTime: Date;
  @Column({ type: 'text' }) topic: string;
  @Column({ type: 'int' }) partition: number;
  @Column({ name: 'kafka_offset', type: 'bigint' }) kafkaOffset: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'content_mode', type: 'text' }) contentMode: string;
  @Column({ name: 'quality_flags', type: 'text', array: true }) qualityFlags: string[];
  // json, not jsonb: the payload kept as the hub serialised it, and ~20% cheaper to insert. Only rows written
  // before sealing have it; since then the payload is in data_sealed (issue 12).
  @Column({ type: 'json', nullable: true }) data: Record<string, unknown> | null;
  @Column({ name: 'data_sealed', type: 'bytea', nullable: true }) dataSealed: Buffer | null;
  @Column({ name: 'key_id', type: 'text', nullable: true }) keyId: string | null;
}
