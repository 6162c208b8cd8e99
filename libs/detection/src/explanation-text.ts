import { COUNTY_UTC_OFFSET_MINUTES, countyDateOf, instantMillis, programNameZh, statusNameZh } from '@hub/rules';

/**
 * How values read in caseworker-facing explanations (zh-CN): Chinese names for codes, county dates
 * YYYY-MM-DD, money in yuan with two decimals and thousands separators (8,200.00, as on a payment slip).
 */

export function yuanOfFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** 临时救助、医疗救助: programs that were paid. */
export function programList(codes: readonly string[]): string {
  return codes.map(programNameZh).join('、');
}

/** 医疗救助、临时救助或慈善医疗救助: any one of them would have been enough. */
export function programAlternatives(codes: readonly string[]): string {
  const names = codes.map(programNameZh);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join('、')}或${names[names.length - 1]}`;
}

export function statusList(codes: readonly string[]): string {
  return codes.map(statusNameZh).join('、');
}

/** 2026-02-13 15:20 in county time: when an application was received, to the minute. */
export function countyDateTimeOf(instant: string): string {
  const local = new Date(instantMillis(instant) + COUNTY_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return `${countyDateOf(instant)} ${local.slice(11, 16)}`;
}

const CHANNEL_NAMES_ZH: Readonly<Record<string, string>> = {
  WINDOW: '窗口',
  PHONE: '电话',
  PROXY: '代办',
  ONLINE: '网上',
};

export function channelText(channel: string | null): string {
  return channel === null ? '未注明' : (CHANNEL_NAMES_ZH[channel] ?? channel);
}

/** Contract §5's coded attribute values in Chinese; anything else is shown as sent. */
const ATTRIBUTE_VALUE_NAMES_ZH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  stage: {
    PRESCHOOL: '学前教育',
    COMPULSORY: '义务教育',
    HIGH_SCHOOL: '普通高中',
    VOCATIONAL: '中等职业教育',
    HIGHER: '高等教育',
  },
  houseDamage: { NONE: '未损坏', PARTIAL: '部分损坏', COLLAPSED: '倒塌' },
};

export function attributeValueText(attribute: string, value: unknown): string {
  if (value === undefined || value === null) return '未登记';
  if (typeof value === 'boolean') return value ? '是' : '否';
  // Attribute values are JSON: a string or number is shown as it is, anything else as its JSON.
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  return ATTRIBUTE_VALUE_NAMES_ZH[attribute]?.[text] ?? text;
}
