import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DEFAULT_CONSUMER_GROUPS } from '@hub/topics';
import { CommonSettings, csv } from '@hub/config';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './users/password-policy';

const serviceUrl = (name: string) => ({
  message: `${name} must be an http:// or https:// URL without a trailing slash`,
});
const SERVICE_URL = /^https?:\/\/[^\s/]+(\/[^\s]*[^\s/])?$/;

export type AdminMode = 'development' | 'production';

export class AdminSettings extends CommonSettings {
  @IsInt() @Min(0) @Max(65535) ADMIN_HTTP_PORT: number = 3100;

  /** Idle time after which a session ends; every request moves the end forward (see session-policy.ts). */
  @IsInt() @Min(1) @Max(24 * 60) ADMIN_SESSION_MINUTES: number = 60;

  /** However active, a session ends this many hours after log-in. */
  @IsInt() @Min(1) @Max(24 * 7) ADMIN_SESSION_MAX_HOURS: number = 12;

  /** A user name is refused for a while after this many failed log-ins within ADMIN_LOCKOUT_MINUTES. */
  @IsInt() @Min(1) @Max(100) ADMIN_LOCKOUT_FAILURES: number = 5;
  @IsInt() @Min(1) @Max(24 * 60) ADMIN_LOCKOUT_MINUTES: number = 15;

  /**
   * An address is refused for a while after this many failed log-ins (any user names) within ADMIN_LOCKOUT_MINUTES:
   * guessing one password across many user names. Set it above the staff behind one NAT ever fail together.
   */
  @IsInt() @Min(1) @Max(10_000) ADMIN_LOCKOUT_ADDRESS_FAILURES: number = 30;

  /** Password checks (scrypt, 32 MiB and 50-100 ms each) run at once; four times as many wait, more are refused (503). */
  @IsInt() @Min(1) @Max(64) ADMIN_PASSWORD_CHECKS_AT_ONCE: number = 2;

  /**
   * production: the first admin's password must come from ADMIN_INITIAL_PASSWORD, and the session
   * cookie is marked Secure (served behind TLS). development: a random first password is printed once.
   */
  @IsIn(['development', 'production'], { message: 'ADMIN_MODE must be development or production' })
  ADMIN_MODE: AdminMode = 'development';

  /** The first admin's password; read only when no admin user exists yet, and must be changed at first log-in. */
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `ADMIN_INITIAL_PASSWORD must have at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `ADMIN_INITIAL_PASSWORD must have at most ${PASSWORD_MAX_LENGTH} characters`,
  })
  ADMIN_INITIAL_PASSWORD?: string;

  /** The admin's consumer group on intake.dead-letter (it keeps a copy of every dead letter, see dead-letter-consumer.ts). */
  @IsString() @IsNotEmpty() ADMIN_DEAD_LETTER_GROUP_ID: string = DEFAULT_CONSUMER_GROUPS.adminDeadLetters;

  /** Consumer groups whose lag the feeds page shows on the intake topics (intake's INTAKE_GROUP_ID by default). */
  @Transform(csv)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'ADMIN_FEED_GROUPS must be a comma-separated list of consumer group ids' })
  ADMIN_FEED_GROUPS: string[] = [DEFAULT_CONSUMER_GROUPS.intake];

  /**
   * Origins besides the one a request was addressed to from which the console may change state (a reverse
   * proxy that rewrites Host): comma-separated, e.g. https://hub.county.gov.cn. See security/request-origin.ts.
   */
  @Transform(csv)
  @Matches(/^https?:\/\/[^\s/]+$/, {
    each: true,
    message: 'ADMIN_ALLOWED_ORIGINS must be a comma-separated list of origins like https://hub.example.org (no path)',
  })
  ADMIN_ALLOWED_ORIGINS: string[] = [];

  /**
   * Reverse proxies in front of the console that may be believed (an ingress: 1): their X-Forwarded-For and
   * X-Forwarded-Proto then give the user's address (lock-outs, the audit log) and https. 0: none, the peer is the user.
   */
  @IsInt() @Min(0) @Max(5) ADMIN_TRUST_PROXY_HOPS: number = 0;

  /** The county's region table (codes and names of districts, townships, villages); empty: libs/rules/regions/default.yaml. */
  @IsString() ADMIN_REGIONS_FILE: string = '';

  /** How often the feeds page's rates are sampled (topic end offsets); an hour of samples is kept in memory. */
  @IsInt() @Min(1) @Max(300) ADMIN_FEED_SAMPLE_SECONDS: number = 5;

  @Matches(SERVICE_URL, serviceUrl('DETECTOR_URL')) DETECTOR_URL: string = 'http://127.0.0.1:3103';
  @Matches(SERVICE_URL, serviceUrl('MATCHER_URL')) MATCHER_URL: string = 'http://127.0.0.1:3102';
  @Matches(SERVICE_URL, serviceUrl('INTAKE_URL')) INTAKE_URL: string = 'http://127.0.0.1:3101';
}
