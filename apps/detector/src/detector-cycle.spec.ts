import { HouseholdTimeline, PersonTimeline } from '@hub/detection';
import { householdHeldUntil } from './detector-cycle';

const member = (personId: string): PersonTimeline => ({
  personId,
  subject: { name: '张*', idNumberMasked: '330502********0011' },
  benefits: [],
  statuses: [],
  applications: [],
});
const household = (...personIds: string[]): HouseholdTimeline => ({
  householdId: 'H-1',
  members: personIds.map(member),
});

describe('householdHeldUntil (a household under review waits for the reviewer)', () => {
  const april = new Date('2026-05-01T00:00:00Z');
  const may = new Date('2026-05-31T00:00:00Z');

  it('is not held when no member is', () => {
    expect(householdHeldUntil(household('P-1', 'P-2'), new Map([['P-9', april]]))).toBeUndefined();
  });

  it('is held by any one member, until the latest of its members’ holds ends', () => {
    expect(householdHeldUntil(household('P-1', 'P-2'), new Map([['P-2', april]]))).toEqual(april);
    expect(
      householdHeldUntil(
        household('P-1', 'P-2', 'P-3'),
        new Map([
          ['P-1', may],
          ['P-3', april],
        ]),
      ),
    ).toEqual(may);
  });
});
