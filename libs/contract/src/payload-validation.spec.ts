import * as fs from 'node:fs';
import * as path from 'node:path';
import { IntakeRejection } from './error-codes';
import { validatePayload } from './payload-validation';
import { payloadFlags } from './quality-flags';
import { contractExamplesDir } from '../../../test/support/contract-examples';

const EXAMPLES = contractExamplesDir();
const inbound = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !f.startsWith('out.'));
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
const granted = load('civil-affairs.benefit-granted.dibao.json').data;

function codeOf(type: string, data: Record<string, unknown>): string {
  try {
    validatePayload(type, data);
    return 'ACCEPTED';
  } catch (e) {
    if (e instanceof IntakeRejection) return e.code;
    throw e;
  }
}

describe('validatePayload', () => {
  it.each(inbound)('accepts the contract example %s', (file) => {
    const m = load(file);
    const type = m.type ?? m.headers.ce_type;
    const data = m.data ?? m.value;
    expect(validatePayload(type, data)).toEqual(data);
  });

  it.each([
    ['MISSING_FIELD', { ...granted, person: undefined }],
    ['MISSING_FIELD', { ...granted, person: { ...granted.person, name: undefined } }],
    ['MISSING_FIELD', { ...granted, benefitId: undefined }],
    ['INVALID_DATE', { ...granted, period: { start: '2026-02-30', end: '2026-03-01' } }],
    ['INVALID_DATE', { ...granted, period: { start: '2026-03-01', end: '2026-02-01' } }],
    ['INVALID_DATE', { ...granted, person: { ...granted.person, birthDate: '1980/01/01' } }],
    ['INVALID_AMOUNT', { ...granted, amountFen: -100 }],
    ['INVALID_AMOUNT', { ...granted, amountFen: 12.5 }],
    ['INVALID_FIELD', { ...granted, person: 'MZ-P-1001' }],
    ['INVALID_FIELD', { ...granted, person: { ...granted.person, gender: 'male' } }],
  ])('rejects with %s', (code, data) => {
    expect(codeOf('assist.benefit.granted.v1', data as Record<string, unknown>)).toBe(code);
  });

  it('takes referrals (v1.1, section 8): toDepartment one of the contract departments, a decision naming the referral it answers', () => {
    const referred = {
      applicationId: 'XZ-2026-0042',
      toDepartment: 'health',
      need: '住院自付费用医疗救助',
      referredAt: '2026-03-02T11:00:00+08:00',
    };
    expect(codeOf('assist.application.referred.v1', referred)).toBe('ACCEPTED');
    expect(codeOf('assist.application.referred.v1', { ...referred, toDepartment: 'police' })).toBe('INVALID_FIELD');
    expect(codeOf('assist.application.referred.v1', { ...referred, need: undefined })).toBe('MISSING_FIELD');
    expect(codeOf('assist.application.referred.v1', { ...referred, referredAt: '2026-03-02' })).toBe('INVALID_DATE');
    const decided = { applicationId: 'WJ-2026-7', decision: 'APPROVED', decidedAt: '2026-03-05T10:00:00+08:00' };
    expect(codeOf('assist.application.decided.v1', decided)).toBe('ACCEPTED');
    expect(
      codeOf('assist.application.decided.v1', {
        ...decided,
        referral: { source: '/330502/civil-affairs/window', applicationId: 'XZ-2026-0042' },
      }),
    ).toBe('ACCEPTED');
    expect(
      codeOf('assist.application.decided.v1', { ...decided, referral: { source: '/330502/civil-affairs/window' } }),
    ).toBe('MISSING_FIELD');
    expect(codeOf('assist.application.decided.v1', { ...decided, referral: 'XZ-2026-0042' })).toBe('INVALID_FIELD');
  });

  it('names the failing field in the detail, never its value', () => {
    try {
      validatePayload('assist.benefit.granted.v1', {
        ...granted,
        person: { ...granted.person, birthDate: '19800101' },
      });
      throw new Error('expected a rejection');
    } catch (e) {
      expect((e as IntakeRejection).detail).toBe('data.person.birthDate: birthDate must be a real date YYYY-MM-DD');
    }
  });

  it('keeps unknown codes and extra fields, flagged rather than rejected', () => {
    const data = { ...granted, program: 'CITY_BONUS', extension: { x: 1 } };
    expect(validatePayload('assist.benefit.granted.v1', data)).toEqual(data);
    expect(payloadFlags(data)).toContain('UNKNOWN_PROGRAM');
  });

  it('flags ID number problems instead of rejecting them', () => {
    const person = { ...granted.person, idNumber: '330502800101123', birthDate: '1980-02-01' };
    const data = { ...granted, person };
    expect(codeOf('assist.benefit.granted.v1', data)).toBe('ACCEPTED');
    expect(payloadFlags(data)).toEqual(expect.arrayContaining(['ID_LEGACY_15', 'BIRTHDATE_DISAGREES_WITH_ID']));
    expect(payloadFlags({ ...granted, person: { ...granted.person, idNumber: undefined, idType: 'NONE' } })).toContain(
      'ID_MISSING',
    );
  });
});
