import { checkDigit, parseIdNumber } from '@hub/identity';
import { FellegiSunterModel } from './fellegi-sunter';
import { decideMatch, settleReviewPair } from './match-decision';
import { defaultIdentityModel } from './default-model';
import { IDENTITY_FIELDS, IdentityBlock, compareBirthDates, toMatchIdentity } from './match-identity';

const idOf = (first17: string) => first17 + checkDigit(first17);

/** A hand-set model: agreement on any field is strong evidence, disagreement strong against. */
const model = new FellegiSunterModel(
  IDENTITY_FIELDS,
  IDENTITY_FIELDS.map((f) => f.levels.map((_, i) => (i === f.levels.length - 1 ? 0.02 : 0.98 / (f.levels.length - 1)))),
  IDENTITY_FIELDS.map((f) => f.levels.map((_, i) => (i === f.levels.length - 1 ? 0.98 : 0.02 / (f.levels.length - 1)))),
  0.01,
);
const thresholds = { match: 12, possible: 4 };

describe('decideMatch', () => {
  const chen = toMatchIdentity({
    idNumber: idOf('33050219780312301'),
    name: '陈建国',
    gender: 'M',
    birthDate: '1978-03-12',
  });

  it('joins a record with the same trusted ID number, whatever else differs', () => {
    const legacy = toMatchIdentity({ idNumber: '330502780312301', name: '陳建國' });
    const d = decideMatch(legacy, [{ personId: 'P-1', identity: chen }], model, thresholds);
    expect(d).toMatchObject({ decision: 'MATCH', personId: 'P-1' });
    expect(d.reasons.find((r) => r.field === 'idNumber')).toMatchObject({ level: 'EXACT_AFTER_UPGRADE' });
  });

  it('never joins twins or namesakes: different trusted ID numbers are different people', () => {
    const twin = toMatchIdentity({
      idNumber: idOf('33050219780312321'),
      name: '陈建国',
      gender: 'M',
      birthDate: '1978-03-12',
    });
    expect(decideMatch(twin, [{ personId: 'P-1', identity: chen }], model, thresholds).decision).toBe('NEW');
  });

  it('does not join a person one of whose records has another trusted ID number, however well its ID-less record fits', () => {
    // 陈建国 of P-1 is known to one office without an ID number and to another with his own.
    const withoutId = toMatchIdentity({ name: '陈建国', gender: 'M', birthDate: '1978-03-12', hukouRegion: '330502' });
    const namesake = toMatchIdentity({
      idNumber: idOf('33050219780312391'),
      name: '陈建国',
      gender: 'M',
      birthDate: '1978-03-12',
      hukouRegion: '330502',
    });
    const d = decideMatch(
      namesake,
      [
        { personId: 'P-1', identity: withoutId },
        { personId: 'P-1', identity: chen },
      ],
      model,
      thresholds,
    );
    expect(d.decision).toBe('NEW');
    // Without the record that carries his number, the ID-less one alone still fits.
    expect(decideMatch(namesake, [{ personId: 'P-1', identity: withoutId }], model, thresholds).decision).toBe('MATCH');
  });

  it('uses the model when an ID number is missing or doubtful', () => {
    const charity = toMatchIdentity({ name: '陳建國', gender: 'M', birthDate: '1978-03-12' });
    const d = decideMatch(charity, [{ personId: 'P-1', identity: chen }], model, thresholds);
    expect(d.decision).toBe('MATCH');
    expect(d.reasons.find((r) => r.field === 'idNumber')).toMatchObject({ level: 'MISSING', weight: 0 });
    const typo = toMatchIdentity({ idNumber: '330502197803123019', name: '王小明', gender: 'F' });
    expect(decideMatch(typo, [{ personId: 'P-1', identity: chen }], model, thresholds).decision).not.toBe('MATCH');
  });

  it('sends a middling score to review and reports records that bridge two persons', () => {
    const vague = toMatchIdentity({ name: '陈建国', gender: 'M' });
    expect(decideMatch(vague, [{ personId: 'P-1', identity: chen }], model, thresholds)).toMatchObject({
      decision: 'POSSIBLE_MATCH',
      personId: 'P-1',
    });
    const byPhone = toMatchIdentity({ name: '陈建国', gender: 'M', birthDate: '1978-03-12', phone: '13800001234' });
    const other = toMatchIdentity({ name: '陈建国', gender: 'M', birthDate: '1978-03-12', phone: '13800001234' });
    const bridge = decideMatch(
      byPhone,
      [
        { personId: 'P-1', identity: chen },
        { personId: 'P-2', identity: other },
      ],
      model,
      thresholds,
    );
    expect(bridge.decision).toBe('MATCH');
    expect(bridge.bridges).toEqual([bridge.personId === 'P-1' ? 'P-2' : 'P-1']);
  });

  it('does not bridge namesakes: a record fitting two people with different ID numbers goes to review', () => {
    const namesake = toMatchIdentity({
      idNumber: idOf('11010519780312301'),
      name: '陈建国',
      gender: 'M',
      birthDate: '1978-03-12',
    });
    const noId = toMatchIdentity({ name: '陈建国', gender: 'M', birthDate: '1978-03-12' });
    const d = decideMatch(
      noId,
      [
        { personId: 'P-1', identity: chen },
        { personId: 'P-9', identity: namesake },
      ],
      model,
      thresholds,
    );
    expect(d).toMatchObject({ decision: 'POSSIBLE_MATCH', bridges: [] });
  });

  it('does not bridge two people with different ID numbers when the records that fit carry none', () => {
    // P-1's record without an ID number fits best; its other record says who P-1 is, and P-9 is someone else.
    const born = { name: '陈建国', gender: 'M', birthDate: '1978-03-12' };
    const namesake = toMatchIdentity({ ...born, idNumber: idOf('11010519780312301') });
    const d = decideMatch(
      toMatchIdentity(born),
      [
        { personId: 'P-1', identity: toMatchIdentity(born) },
        { personId: 'P-1', identity: chen },
        { personId: 'P-9', identity: namesake },
      ],
      model,
      thresholds,
    );
    expect(d).toMatchObject({ decision: 'POSSIBLE_MATCH', bridges: [] });
  });

  it('joins a record without an ID number to the one of two namesakes it also shares a phone with, and bridges neither', () => {
    const starting = defaultIdentityModel();
    const born = { name: '陈建国', gender: 'M', birthDate: '1978-03-12', hukouRegion: '330502' };
    const withPhone = toMatchIdentity({ ...born, idNumber: idOf('33050219780312301'), phone: '13857201234' });
    const namesake = toMatchIdentity({ ...born, idNumber: idOf('33050219780312357'), phone: '13900005678' });
    const candidates = [
      { personId: 'P-9', identity: namesake },
      { personId: 'P-1', identity: withPhone },
    ];
    const same = toMatchIdentity({ ...born, phone: '13857201234' });
    const d = decideMatch(same, candidates, starting, { match: 15, possible: 5 });
    expect(d).toMatchObject({ decision: 'MATCH', personId: 'P-1', bridges: [] });
    // Without the phone the two fit alike: a reviewer decides.
    const noPhone = decideMatch(toMatchIdentity(born), candidates, starting, { match: 15, possible: 5 });
    expect(noPhone).toMatchObject({ decision: 'POSSIBLE_MATCH', bridges: [] });
  });

  describe("with the starting model and the matcher's thresholds (issue 11: what joined different persons at 1M)", () => {
    const starting = defaultIdentityModel();
    const deployed = { match: 15, possible: 5 };
    const tian = toMatchIdentity({
      idNumber: idOf('33052320190101975'),
      name: '田明',
      gender: 'M',
      birthDate: '2019-01-01',
      hukouRegion: '330523',
    });

    it('does not join neighbours born the same day whose ID numbers are one slip apart in the sequence code', () => {
      // 刘军萱's number as one office typed it (check digit of the other): untrusted, so the model decides.
      const liu = toMatchIdentity({
        idNumber: `33052320190101973${idOf('33052320190101975').slice(-1)}`,
        name: '刘军萱',
        gender: 'M',
        birthDate: '2019-01-01',
        hukouRegion: '330523',
      });
      const d = decideMatch(liu, [{ personId: 'P-1', identity: tian }], starting, deployed);
      expect(d.reasons.find((r) => r.field === 'idNumber')).toMatchObject({ level: 'SEQUENCE_DIGIT_OFF' });
      expect(d.decision).not.toBe('MATCH');
    });

    it('still joins the same child with a sequence-code typo and the same name', () => {
      const typed = toMatchIdentity({
        idNumber: `33052320190101955${idOf('33052320190101975').slice(-1)}`,
        name: '田明',
        birthDate: '2019-01-01',
        hukouRegion: '330523',
      });
      expect(decideMatch(typed, [{ personId: 'P-1', identity: tian }], starting, deployed)).toMatchObject({
        decision: 'MATCH',
        personId: 'P-1',
      });
    });

    // 吴子 of 330523 with her ID number; a rare name (two in the county).
    const rare = (field: string, level: string) => (field === 'name' && level === 'EXACT' ? 2e-6 : undefined);
    const wuWithId = toMatchIdentity({
      idNumber: idOf('33052319961128644'),
      name: '吴子',
      gender: 'F',
      birthDate: '1996-11-28',
      phone: '18464726155',
      hukouRegion: '330523',
    });

    describe('a record without an ID number, a rare name (two in the county)', () => {
      const otherWu = { name: '吴子', gender: 'F', birthDate: '1992-11-28', hukouRegion: '330523' };
      const againstWu = (record: IdentityBlock) =>
        decideMatch(toMatchIdentity(record), [{ personId: 'P-1', identity: wuWithId }], starting, deployed, rare);

      it('sends a namesake whose birth date is one slip off to review, however rare the name', () => {
        const d = againstWu({ ...otherWu, phone: '15667358558' });
        expect(d.score).toBeGreaterThanOrEqual(deployed.match);
        expect(d).toMatchObject({ decision: 'POSSIBLE_MATCH', personId: 'P-1' });
      });

      it('still joins the birth date typo when the phone agrees', () => {
        const d = againstWu({ ...otherWu, phone: '18464726155' });
        expect(d).toMatchObject({ decision: 'MATCH', personId: 'P-1' });
      });

      it('sends a record of the other gender to review although name and birth date agree', () => {
        const d = againstWu({ name: '吴子', gender: 'M', birthDate: '1996-11-28', hukouRegion: '330523' });
        expect(d.score).toBeGreaterThanOrEqual(deployed.match);
        expect(d.decision).toBe('POSSIBLE_MATCH');
      });

      it('joins a record that agrees in every field it has', () => {
        const d = againstWu({ name: '吴子', gender: 'F', birthDate: '1996-11-28', hukouRegion: '330523' });
        expect(d).toMatchObject({ decision: 'MATCH', personId: 'P-1' });
      });
    });

    describe('namesakes born the same day in one region, one record without an ID number (王兰, bench:e2e 1M with two matchers)', () => {
      const wangWithId = {
        idNumber: idOf('33052119600613332'),
        name: '王蘭',
        gender: 'F',
        birthDate: '1960-06-13',
        phone: '13674623272',
        hukouRegion: '330521',
      };
      const otherWang = { name: '王兰', gender: 'F', birthDate: '1960-06-13', hukouRegion: '330521' };
      const decide = (record: IdentityBlock, candidate: IdentityBlock) =>
        decideMatch(
          toMatchIdentity(record),
          [{ personId: 'P-1', identity: toMatchIdentity(candidate) }],
          starting,
          deployed,
        );

      it('sends them to review whichever comes first when their phones differ, however high they score', () => {
        const without = { ...otherWang, phone: '18675614996' };
        for (const d of [decide(wangWithId, without), decide(without, wangWithId)]) {
          expect(d.score).toBeGreaterThanOrEqual(deployed.match);
          expect(d).toMatchObject({ decision: 'POSSIBLE_MATCH', personId: 'P-1' });
        }
      });

      it('still joins them when the phone agrees or one of them has none', () => {
        expect(decide({ ...otherWang, phone: '13674623272' }, wangWithId).decision).toBe('MATCH');
        expect(decide(otherWang, wangWithId).decision).toBe('MATCH');
      });
    });

    describe("settleReviewPair: a pair under review decided again once its record's person has gained records", () => {
      // The other 吴子's first record, sent to review against the first (P-1): her person is P-2.
      const reviewed = toMatchIdentity({
        name: '吴子',
        gender: 'F',
        birthDate: '1992-11-28',
        phone: '15667358558',
        hukouRegion: '330523',
      });
      const pair = { personId: 'P-2', candidatePersonId: 'P-1' };
      const settle = (own: IdentityBlock[]) =>
        settleReviewPair(
          reviewed,
          pair,
          [
            { personId: 'P-1', identity: wuWithId },
            ...own.map((r) => ({ personId: 'P-2', identity: toMatchIdentity(r) })),
          ],
          starting,
          deployed,
          rare,
        );

      it('is still a question while nothing of her own person fits her', () => {
        expect(
          decideMatch(reviewed, [{ personId: 'P-1', identity: wuWithId }], starting, deployed, rare),
        ).toMatchObject({
          decision: 'POSSIBLE_MATCH',
          personId: 'P-1',
        });
        expect(settle([])).toBeUndefined();
      });

      it('settles it when a record with her own ID number and phone has joined her person', () => {
        const hers = {
          idNumber: idOf('33052319921128622'),
          name: '吴子',
          gender: 'F',
          birthDate: '1992-11-28',
          phone: '15667358558',
          hukouRegion: '330523',
        };
        expect(settle([hers])).toMatchObject({ decision: 'MATCH', personId: 'P-2', bridges: [] });
      });

      it('leaves it open when what joined her person carries no ID number, however well it fits her', () => {
        // Her person may still be the proposed one: in another order the joining record would have gone to review.
        const sameButNoId = {
          name: '吴子',
          gender: 'F',
          birthDate: '1992-11-28',
          phone: '15667358558',
          hukouRegion: '330523',
        };
        expect(
          decideMatch(
            reviewed,
            [{ personId: 'P-2', identity: toMatchIdentity(sameButNoId) }],
            starting,
            deployed,
            rare,
          ),
        ).toMatchObject({ decision: 'MATCH', personId: 'P-2' });
        expect(settle([sameButNoId])).toBeUndefined();
      });

      it('leaves it open when what joined her person fits her no better than the proposed person', () => {
        // Her ID number tells the two persons apart, but it is another 吴子's (born 1985): she fits neither outright.
        expect(
          settle([
            {
              idNumber: idOf('33052319850101622'),
              name: '吴子',
              gender: 'F',
              birthDate: '1985-01-01',
              hukouRegion: '330523',
            },
          ]),
        ).toBeUndefined();
      });

      it('leaves it to the reviewer when she now fits the proposed person outright', () => {
        const likeP1 = toMatchIdentity({
          name: '吴子',
          gender: 'F',
          birthDate: '1996-11-28',
          phone: '18464726155',
          hukouRegion: '330523',
        });
        const candidates = [
          { personId: 'P-1', identity: wuWithId },
          { personId: 'P-2', identity: toMatchIdentity({ name: '吴子', gender: 'F', hukouRegion: '330523' }) },
        ];
        expect(decideMatch(likeP1, candidates, starting, deployed, rare)).toMatchObject({
          decision: 'MATCH',
          personId: 'P-1',
        });
        expect(settleReviewPair(likeP1, pair, candidates, starting, deployed, rare)).toBeUndefined();
      });
    });

    it("sends to review a record whose ID number, failing its checks, is farther than a slip from the candidate's", () => {
      // 蔡雨 of 330502 as the school typed her number (区划码 330502 → 334502), against 蔡雨 of 330521, born the same day.
      const rare = (field: string, level: string) => (field === 'name' && level === 'EXACT' ? 2e-6 : undefined);
      const other = toMatchIdentity({
        idNumber: idOf('33052120190522604'),
        name: '蔡雨',
        gender: 'F',
        birthDate: '2019-05-22',
        hukouRegion: '330521',
      });
      const school = toMatchIdentity({
        idNumber: '334502201905226029',
        name: '蔡雨',
        gender: 'F',
        birthDate: '2019-05-22',
        phone: '15505194369',
        hukouRegion: '330502',
      });
      const d = decideMatch(school, [{ personId: 'P-1', identity: other }], starting, deployed, rare);
      expect(d.reasons.find((r) => r.field === 'idNumber')).toMatchObject({ level: 'DIFFERENT' });
      expect(d.score).toBeGreaterThanOrEqual(deployed.match);
      expect(d.decision).toBe('POSSIBLE_MATCH');
      // The same phone tells it is her; two numbers that both fail their checks may be two typos of hers.
      const samePhone = { ...other, phone: school.phone };
      expect(decideMatch(school, [{ personId: 'P-1', identity: samePhone }], starting, deployed, rare).decision).toBe(
        'MATCH',
      );
      const typedToo = { ...other, id: parseIdNumber('330521201905226041') };
      expect(typedToo.id?.flags).toContain('ID_CHECKSUM_INVALID');
      expect(decideMatch(school, [{ personId: 'P-1', identity: typedToo }], starting, deployed, rare).decision).toBe(
        'MATCH',
      );
    });

    describe("a sent birth date that disagrees with the person's own trusted ID number (单俊, faults e2e)", () => {
      // 人社 typed 1991-02-20 beside an ID number of 1992-02-20; 医保 sends no ID number and 1992-02-20.
      const shanWithId = toMatchIdentity({
        idNumber: idOf('33052319920220590'),
        name: '单俊',
        gender: 'F',
        birthDate: '1991-02-20',
        phone: '13905531256',
        hukouRegion: '330523',
      });
      const insurance = toMatchIdentity({ name: '单俊', gender: 'F', birthDate: '1992-02-20', hukouRegion: '330523' });

      it('compares with the date the ID number carries as well as the one sent', () => {
        expect(compareBirthDates(insurance, shanWithId)).toBe('EXACT');
        expect(compareBirthDates(shanWithId, insurance)).toBe('EXACT');
      });

      it('joins the ID-less record however the records arrive, instead of sending it to review', () => {
        expect(decideMatch(insurance, [{ personId: 'P-1', identity: shanWithId }], starting, deployed)).toMatchObject({
          decision: 'MATCH',
          personId: 'P-1',
        });
      });

      it('takes no date from an ID number whose checks fail', () => {
        const typed = toMatchIdentity({
          idNumber: '330523199202205900',
          name: '单俊',
          gender: 'F',
          birthDate: '1991-02-20',
          hukouRegion: '330523',
        });
        expect(compareBirthDates(insurance, typed)).toBe('ONE_PART_DIFFERENT');
      });
    });

    it('does not join two people whose ID numbers differ in the check digit alone, names different', () => {
      // 邓佳怡's 顺序码 transposed as one office typed it (75 → 57) equals 马文建's first 17 digits.
      const ma = toMatchIdentity({
        idNumber: idOf('33050219880104570'),
        name: '马文建',
        gender: 'F',
        birthDate: '1988-01-04',
        hukouRegion: '330502',
      });
      const typed = `33050219880104570${checkDigit('33050219880104750')}`;
      expect(typed).not.toBe(idOf('33050219880104570'));
      const deng = toMatchIdentity({
        idNumber: typed,
        name: '鄧佳怡',
        gender: 'F',
        birthDate: '1988-01-04',
        phone: '15211076739',
        hukouRegion: '330502',
      });
      const d = decideMatch(deng, [{ personId: 'P-1', identity: ma }], starting, deployed);
      expect(d.reasons.find((r) => r.field === 'idNumber')).toMatchObject({ level: 'SEQUENCE_DIGIT_OFF' });
      expect(d.decision).not.toBe('MATCH');
    });

    it('does not join namesakes born on the same day of the year decades apart', () => {
      const father = toMatchIdentity({ name: '罗海', gender: 'M', birthDate: '1970-04-12', hukouRegion: '330521' });
      const son = toMatchIdentity({ name: '罗海', gender: 'M', birthDate: '2006-04-12', hukouRegion: '330521' });
      expect(decideMatch(son, [{ personId: 'P-1', identity: father }], starting, deployed).decision).not.toBe('MATCH');
    });
  });

  it('is NEW without candidates', () => {
    expect(decideMatch(chen, [], model, thresholds)).toMatchObject({ decision: 'NEW', bridges: [] });
  });
});
