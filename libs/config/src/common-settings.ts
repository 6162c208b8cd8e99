import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/**
 * A yes/no setting: "true" or "1" is yes, anything else set is no, unset keeps the default. Read from the raw
 * value: implicit conversion has already made Boolean("false") true by the time `value` arrives.
 */
export const settingFlag = ({
  value,
  obj,
  key,
}: {
  value: unknown;
  obj: Record<string, unknown>;
  key: string;
}): unknown => {
  const raw = obj[key];
  if (raw === undefined) return value;
  return raw === true || raw === 'true' || raw === '1';
};

/** A list setting: comma-separated, each item trimmed, empty items dropped. */
export const csv = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/** Settings every service of the hub reads. */
export class CommonSettings {
  @Transform(csv)
  @Matches(/^[^\s:,]+:\d{1,5}$/, { each: true, message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsString()
  @IsNotEmpty({ message: 'DATABASE_URL must be set (deploy/hub.sh starts an embedded PostgreSQL and sets it)' })
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  /** TLS to the brokers (issue 12); KAFKA_TLS_CA_FILE: the PEM of the CA that signed them, else the system's CAs. */
  @Transform(settingFlag) @IsBoolean() KAFKA_TLS: boolean = false;
  @IsOptional() @IsString() @IsNotEmpty() KAFKA_TLS_CA_FILE?: string;

  /**
   * The service's Kafka principal: SASL mechanism (none, plain, scram-sha-256, scram-sha-512: user name and
   * password; oauthbearer: a token the county's identity provider puts in KAFKA_OAUTH_TOKEN_FILE, read anew at
   * each authentication, so a refreshed token is taken up without a restart).
   */
  @IsIn(['none', 'plain', 'scram-sha-256', 'scram-sha-512', 'oauthbearer'], {
    message: 'KAFKA_SASL_MECHANISM must be none, plain, scram-sha-256, scram-sha-512 or oauthbearer',
  })
  KAFKA_SASL_MECHANISM: 'none' | 'plain' | 'scram-sha-256' | 'scram-sha-512' | 'oauthbearer' = 'none';
  @ValidateIf((s: CommonSettings) => s.KAFKA_SASL_MECHANISM !== 'none' && s.KAFKA_SASL_MECHANISM !== 'oauthbearer')
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_USERNAME must be set with a KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_USERNAME?: string;
  @ValidateIf((s: CommonSettings) => s.KAFKA_SASL_MECHANISM !== 'none' && s.KAFKA_SASL_MECHANISM !== 'oauthbearer')
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_PASSWORD must be set with a KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_PASSWORD?: string;
  @ValidateIf((s: CommonSettings) => s.KAFKA_SASL_MECHANISM === 'oauthbearer')
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_OAUTH_TOKEN_FILE must be set with KAFKA_SASL_MECHANISM=oauthbearer' })
  KAFKA_OAUTH_TOKEN_FILE?: string;

  /** false: the hub never creates or alters a topic (a cluster whose topics are provisioned); a missing one stops it, named. */
  @Transform(settingFlag) @IsBoolean() KAFKA_MANAGE_TOPICS: boolean = true;
  /** Replication factor and min.insync.replicas of the topics the hub creates (1 and the broker's default on one broker). */
  @IsInt() @Min(1) @Max(16) KAFKA_REPLICATION_FACTOR: number = 1;
  @IsOptional() @IsInt() @Min(1) @Max(16) KAFKA_MIN_INSYNC_REPLICAS?: number;

  /**
   * Days the topics that carry departments' events (intake, dead letters, the internal feeds) keep them
   * (retention.ms, set when a service creates the topics or finds them otherwise). Unset: the broker's default.
   * Every consumer must keep up within it; the event store keeps what was accepted.
   */
  @IsOptional() @IsInt() @Min(1) @Max(3650) KAFKA_INTAKE_RETENTION_DAYS?: number;

  /**
   * The keys personal data is stored under (issue 12): JSON {"current":"k1","keys":{"k1":"<base64 32 bytes>"},
   * "blinding":"<base64 32 bytes>"}, in HUB_DATA_KEYS or in the file HUB_DATA_KEYS_FILE (libs/identity data-keys.ts).
   * Required by the services that store personal data; deploy/hub.sh makes .run/data-keys.json once.
   */
  @IsOptional() @IsString() @IsNotEmpty() HUB_DATA_KEYS?: string;
  @IsOptional() @IsString() @IsNotEmpty() HUB_DATA_KEYS_FILE?: string;

  /** Partitions of the topics a service creates when it starts before the others (the same for every service). */
  @IsInt() @Min(1) @Max(128) INTAKE_PARTITIONS: number = 6;

  /** Prefix of every topic name; empty in production, used to isolate tests and benchmarks. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'TOPIC_NAMESPACE may only hold letters, digits, . _ -' })
  TOPIC_NAMESPACE: string = '';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: string = 'log';

  /** text: a timestamped line for a person at a terminal; json: one JSON object a line, for a cluster's log collector. */
  @IsIn(['text', 'json'], { message: 'LOG_FORMAT must be text or json' })
  LOG_FORMAT: 'text' | 'json' = 'text';

  /**
   * The shared secret of internal HTTP calls (issue 12): intake, matcher and detector answer their routes
   * with personal data or decisions only to callers that present it (the admin), and the admin presents it.
   * Every service refuses to start without it; deploy/hub.sh makes one per data folder (.run/service-token).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'HUB_SERVICE_TOKEN must have at least 32 characters (e.g. openssl rand -hex 32)' })
  HUB_SERVICE_TOKEN?: string;

  /** The address a service's HTTP server listens on: loopback by default; 0.0.0.0 for services on separate hosts. */
  @IsString() @IsNotEmpty() HUB_HTTP_HOST: string = '127.0.0.1';
}
