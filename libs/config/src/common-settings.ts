import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MinLength } from 'class-validator';

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

  /**
   * The shared secret of internal HTTP calls (issue 12): intake, matcher and detector answer their routes
   * with personal data or decisions only to callers that present it (the admin), and the admin presents it.
   * Every service refuses to start without it; deploy/hub.sh makes one per data folder (.run/service-token).
   */
  @IsOptional() @IsString() @MinLength(32, { message: 'HUB_SERVICE_TOKEN must have at least 32 characters (e.g. openssl rand -hex 32)' })
  HUB_SERVICE_TOKEN?: string;

  /** The address a service's HTTP server listens on: loopback by default; 0.0.0.0 for services on separate hosts. */
  @IsString() @IsNotEmpty() HUB_HTTP_HOST: string = '127.0.0.1';
}
