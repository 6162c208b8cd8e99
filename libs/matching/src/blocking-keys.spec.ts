import { checkDigit } from '@hub/identity';
import { idCorrections, recordKeys } from './blocking-keys';
import { toMatchIdentity } from './match-identity';

const TRUE_FIRST17 = '33050219780312301';
const TRUE_ID = TRUE_FIRST17 + checkDigit(TRUE_FIRST17);
const shares = (a: string[], b: string[]) => a.some((k) => b.includes(k));

describe('blocking keys', () => {
  it('lists the true number among the corrections of a typed one whose check digit fails', () => {
    const typo = '33050219780312' + '7' + '01'; // digit 14 mistyped, check digit as typed for the true number
    expect(checkDigit(typo)).not.toBe(TRUE_ID[17]);
    expect(idCorrections(typo, TRUE_ID[17])).toContain(TRUE_FIRST17);
    const swapped = '33050219780313201';
    expect(idCorrections(swapped, TRUE_ID[17])).toContain(TRUE_FIRST17);
    // Only numbers that carry the typed check digit: about one in eleven of the 169 neighbours.
    expect(idCorrections(typo, TRUE_ID[17]).length).toBeLessThan(30);
  });

  it('lets a correct number and its typo find each other in either order', () => {
    const correct = recordKeys(toMatchIdentity({ idNumber: TRUE_ID, name: '陈建国' }));
    const typo = recordKeys(toMatchIdentity({ idNumber: '33050219780312701' + TRUE_ID[17], name: '张三' }));
    expect(shares(correct.probe, typo.stored)).toBe(true);
    expect(shares(typo.probe, correct.stored)).toBe(true);
  });

  it('stores one ID key for a number whose check digit holds, and none for a malformed one', () => {
    const keys = recordKeys(
      toMatchIdentity({
        idNumber: TRUE_ID,
        name: '陈建国',
        birthDate: '1978-03-12',
        phone: '13800001234',
        hukouRegion: '330502',
      }),
    );
    expect(keys.stored.filter((k) => k.startsWith('id'))).toEqual([`id:${TRUE_FIRST17}`]);
    expect(keys.stored).toEqual(
      expect.arrayContaining(['py:chen jian guo|1978-03-12', 'ph:13800001234', 'nry:陈建国|330502|1978']),
    );
    expect(recordKeys(toMatchIdentity({ idNumber: '12345', name: '陈建国' })).stored).toEqual([]);
  });

  it('finds a record without an ID number by name pinyin and birth date, across 繁體', () => {
    const a = recordKeys(toMatchIdentity({ name: '陳建國', birthDate: '1978-03-12' }));
    const b = recordKeys(toMatchIdentity({ idNumber: TRUE_ID, name: '陈建国' }));
    expect(shares(a.probe, b.stored)).toBe(true);
  });

  describe('name and region, split by birth date', () => {
    const keysOf = (birthDate?: string) =>
      recordKeys(toMatchIdentity({ name: '王伟', birthDate, hukouRegion: '330502' }));
    const byName = (keys: string[]) => keys.filter((k) => k.startsWith('nr'));
    const findsByName = (prober: ReturnType<typeof keysOf>, stored: ReturnType<typeof keysOf>) =>
      shares(byName(prober.probe), byName(stored.stored));

    it('finds the same person when the birth date was typed wrong in one part or shifted, in either order', () => {
      const born = keysOf('1978-03-12');
      // One part wrong; a year back across a 29 February (year and day); a lunar birthday 30 days on (month and day).
      for (const typo of ['1987-03-12', '1978-08-12', '1978-03-21', '1977-03-13', '1978-04-11']) {
        expect(findsByName(keysOf(typo), born)).toBe(true);
        expect(findsByName(born, keysOf(typo))).toBe(true);
      }
    });

    it('does not read namesakes born in another year and another month', () => {
      expect(findsByName(keysOf('1978-03-12'), keysOf('1990-11-12'))).toBe(false);
    });

    it('compares a record without a birth date with every namesake, dated or not, and is found by them', () => {
      const undated = keysOf();
      for (const other of [keysOf('1978-03-12'), keysOf('1990-11-05'), keysOf()]) {
        expect(findsByName(undated, other)).toBe(true);
        expect(findsByName(other, undated)).toBe(true);
      }
    });

    it('stores a dated record under its birth year and month only, an undated one under its name', () => {
      expect(keysOf('1978-03-12').stored.filter((k) => k.startsWith('nr'))).toEqual([
        'nry:王伟|330502|1978',
        'nrm:王伟|330502|03',
      ]);
      expect(keysOf().stored.filter((k) => k.startsWith('nr'))).toEqual(['nru:王伟|330502']);
    });

    it('keys a record under the birth date its trusted ID number carries too, when the date sent says otherwise', () => {
      // 高凯刚 at 医保: 2022-01-24 typed beside an ID number of 2021-12-25; at 民政 no ID number, 2021-12-25.
      const first17 = '33050220211225656';
      const insurance = recordKeys(
        toMatchIdentity({
          idNumber: first17 + checkDigit(first17),
          name: '高凯刚',
          birthDate: '2022-01-24',
          hukouRegion: '330502',
        }),
      );
      const civil = recordKeys(toMatchIdentity({ name: '高凱剛', birthDate: '2021-12-25', hukouRegion: '330502' }));
      expect(shares(insurance.probe, civil.stored)).toBe(true);
      expect(shares(civil.probe, insurance.stored)).toBe(true);
      // The date sent alone shares neither year nor month with the other record's.
      expect(findsByName(keysOf('2022-01-24'), keysOf('2021-12-25'))).toBe(false);
    });
  });
});
