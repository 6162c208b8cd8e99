import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/** Settings every service of the hub reads. */
export class CommonSettings {
  @Transform(csv)
  @Matches(/^[^\s:,]+:\d{1,5}$/, { each: true, message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsString() @IsNotEmpty({ message: 'DATABASE_URL must be set (deploy/hub.sh starts an embedded PostgreSQL and sets it)' })
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  /** Prefix of every topic name; empty in production, used to isolate tests and benchmarks. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9._-]*$/, { message: 'TOPIC_NAMESPACE may only hold letters, digits, . _ -' })
  TOPIC_NAMESPACE: string = '';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: string = 'log';
}
