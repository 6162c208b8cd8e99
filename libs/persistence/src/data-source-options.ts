import { types as pgTypes } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { IntakeEventStore1763800000000 } from './migrations/1763800000000-intake-event-store';
import { PersonLinks1763900000000 } from './migrations/1763900000000-person-links';
import { MatchReview1764000000000 } from './migrations/1764000000000-match-review';
import { HouseholdsAndNameFrequency1764100000000 } from './migrations/1764100000000-households-and-name-frequency';
import { Detector1764200000000 } from './migrations/1764200000000-detector';
import { Admin1764300000000 } from './migrations/1764300000000-admin';
import { AdminDeadLetters1764310000000 } from './migrations/1764310000000-admin-dead-letters';
import { ReviewDecisions1764500000000 } from './migrations/1764500000000-review-decisions';
import { PersonSearch1764600000000 } from './migrations/1764600000000-person-search';
import { ReviewHolds1764700000000 } from './migrations/1764700000000-review-holds';
import { OutboxAndProgress1764800000000 } from './migrations/1764800000000-outbox-and-progress';
import { Quarantine1764900000000 } from './migrations/1764900000000-quarantine';
import { ScaleLookups1765000000000 } from './migrations/1765000000000-scale-lookups';
import { LoginByAddress1765100000000 } from './migrations/1765100000000-login-by-address';
import { ServiceRoles1765200000000 } from './migrations/1765200000000-service-roles';
import { SealedIdentities1765300000000 } from './migrations/1765300000000-sealed-identities';
import { SealedEvents1765310000000 } from './migrations/1765310000000-sealed-events';
import { SealedDeadLetters1765320000000 } from './migrations/1765320000000-sealed-dead-letters';
import { PersonPurge1765330000000 } from './migrations/1765330000000-person-purge';
import { DataKeyCheck1765340000000 } from './migrations/1765340000000-data-key-check';
import { RecoveryCases1765350000000 } from './migrations/1765350000000-recovery-cases';
import { PublicNotices1765370000000 } from './migrations/1765370000000-public-notices';
import { Referrals1765400000000 } from './migrations/1765400000000-referrals';
import { SecondLookHorizon1765500000000 } from './migrations/1765500000000-second-look-horizon';
import { KeyScheme1765600000000 } from './migrations/1765600000000-key-scheme';
import { RecordBlockKeys1765700000000 } from './migrations/1765700000000-record-block-keys';
import { IdBirthDateKeys1765800000000 } from './migrations/1765800000000-id-birth-date-keys';
import { SettledReviewHolds1765900000000 } from './migrations/1765900000000-settled-review-holds';
import { RecordsInClearIndex1766000000000 } from './migrations/1766000000000-records-in-clear-index';
import { SipHashBlockKeys1766100000000 } from './migrations/1766100000000-sip-hash-block-keys';
import { OpenReviewRecords1766200000000 } from './migrations/1766200000000-open-review-records';

export const HUB_MIGRATIONS = [
  IntakeEventStore1763800000000,
  PersonLinks1763900000000,
  MatchReview1764000000000,
  HouseholdsAndNameFrequency1764100000000,
  Detector1764200000000,
  Admin1764300000000,
  AdminDeadLetters1764310000000,
  ReviewDecisions1764500000000,
  PersonSearch1764600000000,
  ReviewHolds1764700000000,
  OutboxAndProgress1764800000000,
  Quarantine1764900000000,
  ScaleLookups1765000000000,
  LoginByAddress1765100000000,
  ServiceRoles1765200000000,
  SealedIdentities1765300000000,
  SealedEvents1765310000000,
  SealedDeadLetters1765320000000,
  PersonPurge1765330000000,
  DataKeyCheck1765340000000,
  RecoveryCases1765350000000,
  PublicNotices1765370000000,
  Referrals1765400000000,
  SecondLookHorizon1765500000000,
  KeyScheme1765600000000,
  RecordBlockKeys1765700000000,
  IdBirthDateKeys1765800000000,
  SettledReviewHolds1765900000000,
  RecordsInClearIndex1766000000000,
  SipHashBlockKeys1766100000000,
  OpenReviewRecords1766200000000,
];

// PostgreSQL \`date\` values stay YYYY-MM-DD strings: pg would make them local-midnight Dates, a day
// off wherever the process's time zone is not the county's. Rules compare county dates as strings.
pgTypes.setTypeParser(1082, (value: string) => value);

/**
 * Schema changes go through migrations only; synchronize stays off everywhere. No entities: every service
 * reads and writes with SQL of its own (the schema is the migrations').
 */
export function hubDataSourceOptions(
  url: string,
  extra: { poolSize?: number; applicationName?: string } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations: HUB_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // TypeORM's own query logging prints parameters, which hold personal data: never on.
    logging: false,
    poolSize: extra.poolSize ?? 10,
    applicationName: extra.applicationName ?? 'assist-hub',
  };
}
