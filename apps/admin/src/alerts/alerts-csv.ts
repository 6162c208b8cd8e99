import { AlertView } from '@hub/views';

/** What a cell shows: text, a number, or nothing. */
type CellValue = string | number | null | undefined;

const COLUMNS: [string, (a: AlertView) => CellValue][] = [
  ['预警编号 alertId', (a) => a.alertId],
  ['类型 kind', (a) => a.kind],
  ['规则 ruleId', (a) => a.ruleId],
  ['级别 severity', (a) => a.severity],
  ['状态 status', (a) => a.status],
  ['地区 region', (a) => a.regionCode],
  ['人员 personId', (a) => a.personId],
  ['家庭 householdId', (a) => a.householdId],
  ['姓名 name', (a) => a.alert.subject?.name],
  ['证件号 idNumber', (a) => a.alert.subject?.idNumberMasked],
  ['发现时间 detectedAt', (a) => a.detectedAt],
  ['应办期限 dueAt', (a) => a.alert.dueAt],
  ['处理结果 resolution', (a) => a.resolution],
  ['处理时间 resolvedAt', (a) => a.resolvedAt],
  ['理由 reason', (a) => a.reason],
  ['说明 explanation', (a) => a.alert.explanation],
  ['依据事件 evidence', (a) => (a.alert.evidence ?? []).map((e) => `${e.source}#${e.eventId}`).join(' ')],
];

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
function cell(value: CellValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The office's monthly review sheet: one row per alert, subjects masked as the detector holds them.
 * UTF-8 with a byte-order mark, so Excel on a county office's PC shows the Chinese text.
 */
export function alertsCsv(alerts: AlertView[]): string {
  const lines = [
    COLUMNS.map(([title]) => cell(title)).join(','),
    ...alerts.map((a) => COLUMNS.map(([, of]) => cell(of(a))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
