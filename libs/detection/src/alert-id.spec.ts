import { alertIdOf, applicationKey, benefitKey, statusKey } from './alert-id';

describe('alertIdOf', () => {
  it('is A- and 24 hex digits, the same for the same rule and keys in any order or repetition', () => {
    const id = alertIdOf('dup.same-program-overlap', [
      benefitKey({ source: '/a', benefitId: '1' }),
      benefitKey({ source: '/b', benefitId: '2' }),
    ]);
    expect(id).toMatch(/^A-[0-9a-f]{24}$/);
    expect(
      alertIdOf('dup.same-program-overlap', [
        benefitKey({ source: '/b', benefitId: '2' }),
        benefitKey({ source: '/a', benefitId: '1' }),
        benefitKey({ source: '/a', benefitId: '1' }),
      ]),
    ).toBe(id);
  });

  it('differs by rule, by source of the same benefitId, and by kind of fact', () => {
    const keys = [benefitKey({ source: '/a', benefitId: '1' })];
    expect(alertIdOf('dup.exclusive-programs', keys)).not.toBe(alertIdOf('dup.same-program-overlap', keys));
    expect(alertIdOf('r.x', [benefitKey({ source: '/a', benefitId: '1' })])).not.toBe(
      alertIdOf('r.x', [benefitKey({ source: '/b', benefitId: '1' })]),
    );
    expect(alertIdOf('r.x', [statusKey({ source: '/a', statusId: '1' })])).not.toBe(
      alertIdOf('r.x', [applicationKey({ source: '/a', applicationId: '1' })]),
    );
    expect(alertIdOf('r.x', [statusKey({ source: '/a', statusId: 'S 1' })])).not.toBe(
      alertIdOf('r.x', [statusKey({ source: '/a', statusId: 'S' }), statusKey({ source: '/a', statusId: '1' })]),
    );
  });

  it('keeps the parts of a key apart (no concatenation collisions)', () => {
    expect(benefitKey({ source: '/a b', benefitId: 'c' })).not.toBe(benefitKey({ source: '/a', benefitId: 'b c' }));
  });
});
