import { normalizeName } from './person-name';
import { normalizePhone } from './phone';
import { normalizeRegionCode } from './region-code';

describe('normalizeName', () => {
  it('turns traditional characters into simplified ones and says so', () => {
    expect(normalizeName('陳建國')).toMatchObject({
      normalized: '陈建国',
      surname: '陈',
      givenName: '建国',
      pinyin: 'chen jian guo',
      flags: ['NAME_TRADITIONAL'],
    });
    expect(normalizeName('歐陽翠花')).toMatchObject({ normalized: '欧阳翠花', surname: '欧阳', givenName: '翠花' });
  });

  it('reads polyphonic surnames as surnames but given names normally', () => {
    expect(normalizeName('单雄信').pinyin).toBe('shan xiong xin');
    expect(normalizeName('曾小单').pinyin).toBe('zeng xiao dan');
    expect(normalizeName('解放').pinyin).toBe('xie fang');
  });

  it('gives homophones the same pinyin', () => {
    expect(normalizeName('王伟').pinyin).toBe(normalizeName('王玮').pinyin);
    expect(normalizeName('王伟').normalized).not.toBe(normalizeName('王玮').normalized);
  });

  it('unifies minority-name separators and keeps no surname', () => {
    for (const raw of ['买买提·艾力', '买买提•艾力', '买买提.艾力', '买买提 艾力', '買買提·艾力', '买买提・艾力']) {
      const n = normalizeName(raw);
      expect({ raw, normalized: n.normalized, surname: n.surname }).toEqual({
        raw,
        normalized: '买买提·艾力',
        surname: null,
      });
      expect(n.pinyin).toBe('mai mai ti ai li');
    }
    expect(normalizeName('买买提•艾力').flags).toContain('NAME_SEPARATOR_UNIFIED');
  });

  it('removes stray spaces and full-width forms in short Han names', () => {
    expect(normalizeName(' 王 小明 ')).toMatchObject({ normalized: '王小明', flags: ['NAME_WHITESPACE_REMOVED'] });
    expect(normalizeName('ＬＩ Ｌｅｉ').flags).toContain('NAME_HAS_LATIN');
  });
});

describe('normalizePhone', () => {
  it('keeps mobile digits, drops the country code, flags nonsense', () => {
    expect(normalizePhone('+86 138-0000-1234')).toMatchObject({
      normalized: '13800001234',
      kind: 'MOBILE',
      flags: ['PHONE_REFORMATTED'],
    });
    expect(normalizePhone('13800001234')).toMatchObject({ normalized: '13800001234', flags: [] });
    expect(normalizePhone('0572-2345678')).toMatchObject({ normalized: '05722345678', kind: 'LANDLINE' });
    expect(normalizePhone('12345').flags).toContain('PHONE_INVALID');
  });
});

describe('normalizeRegionCode', () => {
  it('checks shape and province, and derives province and prefecture', () => {
    expect(normalizeRegionCode('330502')).toEqual({
      normalized: '330502',
      province: '330000',
      prefecture: '330500',
      flags: [],
    });
    expect(normalizeRegionCode('990101').flags).toEqual(['REGION_UNKNOWN_PROVINCE']);
    expect(normalizeRegionCode('3305').flags).toEqual(['REGION_INVALID']);
  });
});
