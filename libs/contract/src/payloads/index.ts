import { EVENT_TYPES } from '../catalogues';
import { ApplicationDecidedDto, ApplicationReceivedDto, ApplicationVerifiedDto } from './application.dto';
import { BenefitGrantedDto, BenefitRevokedDto } from './benefit.dto';
import { StatusAssertedDto, StatusEndedDto } from './status.dto';

export * from './application.dto';
export * from './benefit.dto';
export * from './identity.dto';
export * from './status.dto';

/** One payload class and one protobuf message per event type: the single table both modes use. */
export const PAYLOAD_TYPES = {
  [EVENT_TYPES.BENEFIT_GRANTED]: { dto: BenefitGrantedDto, proto: 'assist.v1.BenefitGranted' },
  [EVENT_TYPES.BENEFIT_REVOKED]: { dto: BenefitRevokedDto, proto: 'assist.v1.BenefitRevoked' },
  [EVENT_TYPES.STATUS_ASSERTED]: { dto: StatusAssertedDto, proto: 'assist.v1.StatusAsserted' },
  [EVENT_TYPES.STATUS_ENDED]: { dto: StatusEndedDto, proto: 'assist.v1.StatusEnded' },
  [EVENT_TYPES.APPLICATION_RECEIVED]: { dto: ApplicationReceivedDto, proto: 'assist.v1.ApplicationReceived' },
  [EVENT_TYPES.APPLICATION_VERIFIED]: { dto: ApplicationVerifiedDto, proto: 'assist.v1.ApplicationVerified' },
  [EVENT_TYPES.APPLICATION_DECIDED]: { dto: ApplicationDecidedDto, proto: 'assist.v1.ApplicationDecided' },
} as const;
