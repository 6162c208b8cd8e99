import { parseIdNumber } from '@hub/identity';
import { ID_TYPES, KNOWN_CAUSE_KINDS, KNOWN_PROGRAMS, KNOWN_STATUSES } from './catalogues';

/**
 * Data-quality flags: what intake noticed but did not reject, because the matcher and the rules
 * must still see the record. Stored with the event and shown to reviewers.
 */
export type QualityFlag = string;

const KNOWN_ID_TYPES: ReadonlySet<string> = new Set(ID_TYPES);
const RESIDENT_FORMS: ReadonlySet<string | undefined> = new Set([undefined, 'RESIDENT_ID', 'HMT_PERMIT']);

interface PersonLike {
  idType?: string;
  idNumber?: string;
  birthDate?: string;
  gender?: string;
}

export function identityFlags(person: PersonLike, today?: Date): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (person.idType !== undefined && !KNOWN_ID_TYPES.has(person.idType)) flags.push('UNKNOWN_ID_TYPE');
  if (!person.idNumber || person.idType === 'NONE') {
    flags.push('ID_MISSING');
    if (!person.birthDate) flags.push('BIRTHDATE_MISSING');
    return flags;
  }
  // Passports and foreign permanent-residence cards have no GB 11643 structure to check.
  if (!RESIDENT_FORMS.has(person.idType)) {
    if (!person.birthDate) flags.push('BIRTHDATE_MISSING');
    return flags;
  }
  const id = parseIdNumber(person.idNumber, today);
  // A resident ID number states the birth date; without one either, matching has no birth date to go by.
  if (!person.birthDate && !id.birthDate) flags.push('BIRTHDATE_MISSING');
  flags.push(...id.flags);
  if (person.idType === 'HMT_PERMIT' && id.kind === 'RESIDENT_ID') flags.push('ID_TYPE_DISAGREES_WITH_NUMBER');
  if (id.birthDate && person.birthDate && person.birthDate !== id.birthDate) flags.push('BIRTHDATE_DISAGREES_WITH_ID');
  if (id.gender && (person.gender === 'M' || person.gender === 'F') && person.gender !== id.gender)
    flags.push('GENDER_DISAGREES_WITH_ID');
  return flags;
}

export function payloadFlags(payload: Record<string, unknown>, today?: Date): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (payload.person && typeof payload.person === 'object') flags.push(...identityFlags(payload.person, today));
  if (typeof payload.program === 'string' && !KNOWN_PROGRAMS.has(payload.program)) flags.push('UNKNOWN_PROGRAM');
  if (typeof payload.status === 'string' && !KNOWN_STATUSES.has(payload.status)) flags.push('UNKNOWN_STATUS');
  const cause = payload.cause as { kind?: string } | undefined;
  if (cause?.kind && !KNOWN_CAUSE_KINDS.has(cause.kind)) flags.push('UNKNOWN_CAUSE_KIND');
  return flags;
}

/**
 * What each flag asks a department to correct (zh-CN), for the feedback it gets on `feedback.<department>`
 * (contract section 8). A flag not listed is named by its code.
 */
export const QUALITY_FLAG_TEXT: Readonly<Record<string, string>> = {
  ID_MISSING: '缺少证件号码，身份只能按姓名、出生日期等比对',
  BIRTHDATE_MISSING: '缺少出生日期（证件号码也无法给出）',
  UNKNOWN_ID_TYPE: '证件类型不在规范代码内',
  ID_REFORMATTED: '证件号码含空格、全角字符或小写 x，已规范化',
  ID_LEGACY_15: '15 位旧身份证号，请更新为 18 位',
  ID_CHECKSUM_INVALID: '身份证号校验位不正确，可能录入有误',
  ID_MALFORMED: '证件号码格式不正确',
  ID_REGION_UNKNOWN: '身份证号前两位不是有效的省级行政区划代码',
  ID_BIRTHDATE_INVALID: '身份证号中的出生日期无效',
  ID_TYPE_DISAGREES_WITH_NUMBER: '证件类型与号码不符',
  BIRTHDATE_DISAGREES_WITH_ID: '出生日期与身份证号不一致',
  GENDER_DISAGREES_WITH_ID: '性别与身份证号不一致',
  UNKNOWN_PROGRAM: '救助项目代码不在规范目录内，不参与规则判断',
  UNKNOWN_STATUS: '状态代码不在规范目录内，不参与规则判断',
  UNKNOWN_CAUSE_KIND: '事由类别不在规范代码内',
};

export function qualityFlagText(flag: QualityFlag): string {
  return QUALITY_FLAG_TEXT[flag] ?? flag;
}
