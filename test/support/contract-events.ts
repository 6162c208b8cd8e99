import { DEPARTMENTS, Department, EVENT_TYPES, EncodingMode, encodeCloudEvent } from '@hub/contract';

export interface TestMessage {
  department: Department;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  source: string;
  id: string;
  type: string;
}

const person = (n: number) => ({
  sourcePersonId: `P-${n}`,
  idType: 'RESIDENT_ID',
  // A 15-digit legacy number on every third: kept, flagged ID_LEGACY_15.
  idNumber: n % 3 === 0 ? '330502780312301' : '11010519491231002X',
  name: n % 2 ? '陳建國' : '王小明',
  gender: 'M',
  birthDate: '1949-12-31',
});

/** One valid payload of each contract type. */
export function samplePayload(type: string, n: number): Record<string, unknown> {
  switch (type) {
    case EVENT_TYPES.BENEFIT_GRANTED:
      return {
        benefitId: `B-${n}`,
        program: 'DIBAO',
        person: person(n),
        household: { householdId: `H-${n}`, role: 'HEAD' },
        amountFen: 89000,
        period: { start: '2026-01-01', end: '2026-12-31' },
        cause: { kind: 'OTHER', ref: `R-${n}` },
        regionCode: '330502',
      };
    case EVENT_TYPES.BENEFIT_REVOKED:
      return { benefitId: `B-${n}`, effective: '2026-06-30', reason: 'INCOME_ABOVE_LINE' };
    case EVENT_TYPES.BENEFIT_RECOVERED:
      return {
        benefitId: `B-${n}`,
        amountFen: 44500,
        recoveredAt: '2026-08-03T10:00:00+08:00',
        reason: '死亡后多发，家属退回',
      };
    case EVENT_TYPES.STATUS_ASSERTED:
      return {
        statusId: `S-${n}`,
        status: 'HOSPITALIZED',
        person: person(n),
        validFrom: '2026-04-10',
        validTo: null,
        attributes: { outOfPocketFen: 820000, admissionRef: `HOSP-${n}` },
      };
    case EVENT_TYPES.STATUS_ENDED:
      return { statusId: `S-${n}`, validTo: '2026-05-31' };
    case EVENT_TYPES.APPLICATION_RECEIVED:
      return {
        applicationId: `A-${n}`,
        person: person(n),
        program: 'TEMPORARY',
        receivedAt: '2026-03-02T10:00:00+08:00',
        channel: 'WINDOW',
        reason: 'fire',
      };
    case EVENT_TYPES.APPLICATION_VERIFIED:
      return { applicationId: `A-${n}`, verifiedAt: '2026-03-03T10:00:00+08:00' };
    case EVENT_TYPES.APPLICATION_DECIDED:
      // Every other one answers a referral (v1.1, section 8): the optional field in each mode.
      return {
        applicationId: `A-${n}`,
        decision: 'APPROVED',
        decidedAt: '2026-03-04T10:00:00+08:00',
        ...(n % 2 ? { referral: { source: '/330502/civil-affairs/window', applicationId: `A-${n}` } } : {}),
      };
    case EVENT_TYPES.APPLICATION_REFERRED:
      return {
        applicationId: `A-${n}`,
        toDepartment: 'health',
        need: '住院自付费用医疗救助',
        referredAt: '2026-03-02T11:00:00+08:00',
      };
    default:
      throw new Error(`no sample for ${type}`);
  }
}

export function cloudEvent(
  department: Department,
  type: string,
  data: Record<string, unknown>,
  id: string,
  mode: EncodingMode,
  key = `P-${id}`,
): TestMessage {
  const source = department === 'charity' ? '/330502/charity/CF01' : `/330502/${department}/sys`;
  const { value, headers } = encodeCloudEvent({ id, source, type, time: '2026-03-02T08:00:00+08:00', data }, mode);
  return { department, key, source, id, type, headers, value };
}

/** Every event type from every department, in all three modes. */
export function everyTypeFromEveryDepartment(): TestMessage[] {
  const out: TestMessage[] = [];
  let n = 0;
  for (const department of DEPARTMENTS) {
    for (const type of Object.values(EVENT_TYPES)) {
      for (const mode of ['structured', 'binary-json', 'binary-protobuf'] as EncodingMode[]) {
        n++;
        out.push(cloudEvent(department, type, samplePayload(type, n), `ev-${n}`, mode));
      }
    }
  }
  return out;
}
