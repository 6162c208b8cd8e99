import { checkDigit, normalizeName, parseIdNumber } from '@hub/identity';
import { compareDates, compareExact, compareIdNumbers, compareNames } from './comparison-levels';
import { adjacentTransposition, jaroWinkler, oneSubstitution } from './string-similarity';

const id = (first17: string) => parseIdNumber(first17 + checkDigit(first17));

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('abc', '')).toBe(0);
  });

  it('counts a Han character as one', () => {
    expect(jaroWinkler('欧阳翠花', '欧阳翠华')).toBeCloseTo(0.9, 1);
  });

  it('recognises one substitution and one adjacent swap', () => {
    expect(oneSubstitution('12345', '12845')).toBe(true);
    expect(oneSubstitution('12345', '12846')).toBe(false);
    expect(adjacentTransposition('12345', '13245')).toBe(true);
    expect(adjacentTransposition('12345', '12354')).toBe(true);
    expect(adjacentTransposition('12345', '12345')).toBe(false);
    expect(adjacentTransposition('12345', '21354')).toBe(false);
  });
});

describe('compareIdNumbers', () => {
  const base = '33050219800101123';
  it('separates exact, legacy-upgraded, one digit off, transposed and different', () => {
    expect(compareIdNumbers(id(base), id(base))).toBe('EXACT');
    expect(compareIdNumbers(id(base), parseIdNumber('330502800101123'))).toBe('EXACT_AFTER_UPGRADE');
    // A typo keeps the typed check digit, so the number fails its checksum: still one digit off.
    expect(compareIdNumbers(id(base), parseIdNumber(`3305021980010${'6'}123${checkDigit(base)}`))).toBe(
      'ONE_DIGIT_OFF',
    );
    // Only the check digit differs: that typo and a sequence-code slip landing on a neighbour's number look alike.
    expect(compareIdNumbers(id(base), parseIdNumber(`${base}${checkDigit(base) === '5' ? '6' : '5'}`))).toBe(
      'SEQUENCE_DIGIT_OFF',
    );
    expect(compareIdNumbers(id(base), id('33050219800110123'))).toBe('TRANSPOSITION');
    // Region and birth date agree, the sequence code (顺序码) is one slip off: neighbours born the same day often are.
    expect(compareIdNumbers(id(base), parseIdNumber(`330502198001011${'9'}3${checkDigit(base)}`))).toBe(
      'SEQUENCE_DIGIT_OFF',
    );
    expect(compareIdNumbers(id(base), id('33050219800101213'))).toBe('SEQUENCE_DIGIT_OFF');
    expect(compareIdNumbers(id(base), id('11010519491231002'))).toBe('DIFFERENT');
    expect(compareIdNumbers(id(base), undefined)).toBe('MISSING');
    expect(compareIdNumbers(id(base), parseIdNumber('123'))).toBe('MISSING');
  });
});

describe('compareNames', () => {
  it('orders the levels from exact to different', () => {
    expect(compareNames(normalizeName('陈建国'), normalizeName('陈建国'))).toBe('EXACT');
    expect(compareNames(normalizeName('陈建国'), normalizeName('陳建國'))).toBe('EXACT_AFTER_SIMPLIFICATION');
    expect(compareNames(normalizeName('买买提·艾力'), normalizeName('买买提•艾力'))).toBe('EXACT_AFTER_SIMPLIFICATION');
    expect(compareNames(normalizeName('王伟'), normalizeName('王玮'))).toBe('SAME_PINYIN');
    expect(compareNames(normalizeName('欧阳翠花'), normalizeName('欧阳翠华'))).toBe('SAME_PINYIN');
    expect(compareNames(normalizeName('欧阳翠花'), normalizeName('欧阳翠英'))).toBe('SIMILAR');
    expect(compareNames(normalizeName('陈建国'), normalizeName('李秀英'))).toBe('DIFFERENT');
    expect(compareNames(normalizeName('陈建国'), null)).toBe('MISSING');
  });
});

describe('compareDates and compareExact', () => {
  it('recognise a single typo and a day-month swap', () => {
    expect(compareDates('1980-01-01', '1980-01-01')).toBe('EXACT');
    expect(compareDates('1980-01-01', '1981-01-01')).toBe('ONE_PART_DIFFERENT');
    expect(compareDates('1980-03-04', '1980-04-03')).toBe('ONE_PART_DIFFERENT');
    expect(compareDates('1980-03-04', '1975-09-21')).toBe('DIFFERENT');
    expect(compareDates('1979-05-06', '1980-05-06')).toBe('ONE_PART_DIFFERENT');
    expect(compareDates('1980-05-06', '1980-05-07')).toBe('ONE_PART_DIFFERENT');
    expect(compareDates('1980-05-16', '1980-05-61')).toBe('ONE_PART_DIFFERENT');
    expect(compareDates('1980-05-06', '1980-08-06')).toBe('ONE_PART_DIFFERENT');
  });

  it('do not call a far year, month or day a typo: namesakes born on the same day of the year are two people', () => {
    expect(compareDates('1970-04-12', '2006-04-12')).toBe('DIFFERENT');
    expect(compareDates('1952-09-04', '1952-09-10')).toBe('DIFFERENT');
    expect(compareDates('1967-10-20', '1967-04-20')).toBe('DIFFERENT');
    expect(compareDates(undefined, '1980-01-01')).toBe('MISSING');
    expect(compareExact('M', 'M')).toBe('EXACT');
    expect(compareExact('M', 'F')).toBe('DIFFERENT');
    expect(compareExact(null, 'F')).toBe('MISSING');
  });
});
