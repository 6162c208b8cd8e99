import { compositeKey } from './composite-key';

describe('compositeKey', () => {
  it('joins the parts by NUL, numbers as decimal text (the bytes stored keys were made with)', () => {
    expect(compositeKey('/330502/civil-affairs/dibao', 'MZ-P-1001')).toBe('/330502/civil-affairs/dibao\u0000MZ-P-1001');
    expect(compositeKey('intake.dead-letter', 3, '42')).toBe('intake.dead-letter\u00003\u000042');
    expect(compositeKey('one')).toBe('one');
  });

  it('keeps tuples apart that plain concatenation would join', () => {
    expect(compositeKey('ab', 'c')).not.toBe(compositeKey('a', 'bc'));
    expect(compositeKey('t', 12)).not.toBe(compositeKey('t1', 2));
  });
});
