import { EVENT_TYPES } from '../catalogues';
import {
  ApplicationDecidedDto,
  ApplicationReceivedDto,
  ApplicationReferredDto,
  ApplicationVerifiedDto,
} from './application.dto';
import { BenefitGrantedDto, BenefitRecoveredDto, BenefitRevokedDto } from './benefit.dto';
import { StatusAssertedDto, StatusEndedDto } from './status.dto';

export * from './application.dto';
export * from './benefit.dto';
export * from './identity.dto';
export * from './status.dto';

/** One payload class and one protobuf message per event type: the single table both modes use. */
export const PAYLOAD_TYPES = {
  [EVENT_TYPES.BENEFIT_GRANTED]: { dto: BenefitGrantedDto, proto: 'assist.v1.BenefitGranted' },
  [EVENT_TYPES.BENEFIT_REVOKED]: { dto: BenefitRevokedDto, proto: 'assist.v1.BenefitRevoked' },
  [EVENT_TYPES.BENEFIT_RECOVERED]: { dto: BenefitRecoveredDto, proto: 'assist.v1.BenefitRecovered' },
  [EVENT_TYPES.STATUS_ASSERTED]: { dto: StatusAssertedDto, proto: 'assist.v1.StatusAsserted' },
  [EVENT_TYPES.STATUS_ENDED]: { dto: StatusEndedDto, proto: 'assist.v1.StatusEnded' },
  [EVENT_TYPES.APPLICATION_RECEIVED]: { dto: ApplicationReceivedDto, proto: 'assist.v1.ApplicationReceived' },
  [EVENT_TYPES.APPLICATION_VERIFIED]: { dto: ApplicationVerifiedDto, proto: 'assist.v1.ApplicationVerified' },
  [EVENT_TYPES.APPLICATION_DECIDED]: { dto: ApplicationDecidedDto, proto: 'assist.v1.ApplicationDecided' },
  [EVENT_TYPES.APPLICATION_REFERRED]: { dto: ApplicationReferredDto, proto: 'assist.v1.ApplicationReferred' },
} as const;

/**
 * What `data` holds for an event type once intake has validated it (the payload class as a type): the one
 * type every service reads an event's payload as.
 */
export type PayloadOf<T extends keyof typeof PAYLOAD_TYPES> = InstanceType<(typeof PAYLOAD_TYPES)[T]['dto']>;

/**
 * An accepted event's payload as its type's class. Only for events intake accepted: their `data` was validated
 * against PAYLOAD_TYPES[type], so the class describes it; `type` must be the event's own.
 */
export function payloadOf<T extends keyof typeof PAYLOAD_TYPES>(type: T, data: Record<string, unknown>): PayloadOf<T> {
  void type;
  return data as unknown as PayloadOf<T>;
}
