import { classifyFailure } from '@hub/runtime';
import { LostRace } from './lost-race';
import { HouseholdRace } from './person-store';

describe("a lost race (the matcher's own error, not a PostgreSQL one)", () => {
  it('is retried by classifyFailure, never quarantined, and carries no SQLSTATE-like code', () => {
    const race = new HouseholdRace(
      'department household h1 of /310101/civil-affairs/dibao tied by another chunk meanwhile',
    );
    expect(race).toBeInstanceOf(LostRace);
    expect(race.retriable).toBe(true);
    expect(race).not.toHaveProperty('code');
    expect(classifyFailure(race)).toBe('INFRASTRUCTURE');
    // Wrapped as TypeORM or a cause chain would wrap it, it is still the race.
    expect(classifyFailure(new Error('chunk failed', { cause: race }))).toBe('INFRASTRUCTURE');
  });
});
