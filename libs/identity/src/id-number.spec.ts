import { checkDigit, cleanIdNumber, first17Of, maskIdNumber, parseIdNumber, upgradeLegacyIdNumber } from './id-number';
import { maskName, maskPhone } from './masking';

const TODAY = new Date('2026-11-22T00:00:00Z');

describe('parseIdNumber', () => {
  it('accepts a valid 18-digit number and derives birth date, gender and region', () => {
    const id = parseIdNumber('11010519491231002X', TODAY);
    expect(id).toMatchObject({
      normalized: '11010519491231002X',
      kind: 'RESIDENT_ID',
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'F',
      flags: [],
    });
  });

  it('computes the GB 11643 check digit, including X for 10', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    // 3·7+3·9+0·10+5·5+0·8+2·4+1·2+9·1+8·6+0·3+0·7+1·9+0·10+1·5+1·8+2·4+3·2 = 176; 176 mod 11 = 0, and 0 maps to '1'.
    expect(checkDigit('33050219800101123')).toBe('1');
  });

  it('derives gender from the 17th digit: odd is male', () => {
    const first17 = '33050219800101123';
    expect(parseIdNumber(first17 + checkDigit(first17), TODAY).gender).toBe('M');
    const even = '33050219800101124';
    expect(parseIdNumber(even + checkDigit(even), TODAY).gender).toBe('F');
  });

  it('flags a wrong check digit but keeps the number and what it says', () => {
    const id = parseIdNumber('110105194912310021', TODAY);
    expect(id.flags).toEqual(['ID_CHECKSUM_INVALID']);
    expect(id.birthDate).toBe('1949-12-31');
    expect(id.kind).toBe('RESIDENT_ID');
  });

  it('converts a 15-digit legacy number to 18 digits', () => {
    expect(upgradeLegacyIdNumber('110105491231002')).toBe('11010519491231002X');
    const id = parseIdNumber('110105491231002', TODAY);
    expect(id.normalized).toBe('11010519491231002X');
    expect(id.flags).toEqual(['ID_LEGACY_15']);
    expect(id.birthDate).toBe('1949-12-31');
    expect(id.gender).toBe('F');
  });

  it('cleans full-width digits, lower-case x, spaces and dashes', () => {
    expect(cleanIdNumber('１１０１０５ 19491231-002x')).toBe('11010519491231002X');
    const id = parseIdNumber('１１０１０５１９４９１２３１００２ｘ', TODAY);
    expect(id.normalized).toBe('11010519491231002X');
    expect(id.flags).toEqual(['ID_REFORMATTED']);
    expect(parseIdNumber('11010519491231002x', TODAY).flags).toEqual(['ID_REFORMATTED']);
  });

  it('flags an impossible birth date and an unknown region', () => {
    const bad = '99010519490230001';
    const id = parseIdNumber(bad + checkDigit(bad), TODAY);
    expect(id.flags).toEqual(expect.arrayContaining(['ID_REGION_UNKNOWN', 'ID_BIRTHDATE_INVALID']));
    expect(id.birthDate).toBeNull();
    const future = '33050220300101123';
    expect(parseIdNumber(future + checkDigit(future), TODAY).flags).toContain('ID_BIRTHDATE_INVALID');
  });

  it('recognises 港澳台居民居住证 by region 81/82/83', () => {
    const hk = '81000019900101123';
    expect(parseIdNumber(hk + checkDigit(hk), TODAY).kind).toBe('HMT_PERMIT');
  });

  it('reports malformed input without throwing', () => {
    expect(parseIdNumber('12345', TODAY)).toMatchObject({
      kind: 'MALFORMED',
      flags: ['ID_MALFORMED'],
      birthDate: null,
    });
    expect(parseIdNumber('1101051949123100XX', TODAY).kind).toBe('MALFORMED');
  });
});

describe('first17Of', () => {
  it('gives the first 17 of a well-formed number, its check failing or not, a legacy one upgraded; none of a malformed one', () => {
    const first17 = '33050219800101123';
    expect(first17Of(parseIdNumber(first17 + checkDigit(first17), TODAY))).toBe(first17);
    expect(first17Of(parseIdNumber(first17 + (checkDigit(first17) === '0' ? '1' : '0'), TODAY))).toBe(first17);
    expect(first17Of(parseIdNumber('330502800101123', TODAY))).toBe('33050219800101123');
    expect(first17Of(parseIdNumber('12345', TODAY))).toBeNull();
    expect(first17Of(null)).toBeNull();
  });
});

describe('masking', () => {
  it('never shows a whole ID number, name or phone', () => {
    expect(maskIdNumber('33050219800101123X')).toBe('330502********123X');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('欧阳翠花')).toBe('欧**花');
    expect(maskName('王伟')).toBe('王*');
    expect(maskPhone('13800001234')).toBe('138****1234');
  });
});
