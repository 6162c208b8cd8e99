import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { KNOWN_PROGRAMS } from '@hub/contract';
import {
  readAfterDeathFields,
  readExclusiveFields,
  readOutsideStandardFields,
  readOverlapFields,
  readSameCauseFields,
} from './duplicate-rule-fields';
import {
  readApplicationSlaFields,
  readHouseholdEmploymentFields,
  readMissingBenefitFields,
} from './omission-rule-fields';
import { checkRuleConsistency } from './rule-consistency';
import {
  ALERT_KINDS,
  ALERT_TOPIC_OF_KIND,
  EventTimeSettings,
  PublicNoticeSettings,
  RULE_SCOPES,
  RULE_TEMPLATES,
  RuleBase,
  RuleDefinition,
  RulePack,
  RuleTemplate,
  SEVERITIES,
} from './rule-definitions';
import { RuleFieldReader, describeValue, isMapping } from './rule-field-reader';
import { RulePackError } from './rule-pack-error';

/** The rule pack shipped with the hub: contract §7's defaults. */
export const DEFAULT_RULE_PACK_FILE = path.resolve(__dirname, '../../rules/default.yaml');

const TEMPLATE_FIELD_READERS: Record<RuleTemplate, (r: RuleFieldReader) => object> = {
  overlap: readOverlapFields,
  exclusive: readExclusiveFields,
  'same-cause': readSameCauseFields,
  'after-death': readAfterDeathFields,
  'outside-standard': readOutsideStandardFields,
  'missing-benefit': readMissingBenefitFields,
  'household-employment': readHouseholdEmploymentFields,
  'application-sla': readApplicationSlaFields,
};

// Dotted lower-case words: dup.same-cause, omit.housing, and county rules such as omit.county-heating.
const RULE_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/**
 * Reads and validates a rule pack file. Throws one RulePackError listing every problem (file, rule id,
 * field path, what was found), so a county fixes its file in one pass. `calendar` is resolved
 * relative to the rule pack file, so a county's pack can sit beside its own calendar.
 */
export function loadRulePack(file: string = DEFAULT_RULE_PACK_FILE): RulePack {
  const shownAs = displayName(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RulePackError(shownAs, [`cannot be read (${(e as Error).message})`]);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (e) {
    throw new RulePackError(shownAs, [`is not valid YAML (${(e as Error).message.split('\n')[0]})`]);
  }
  if (!isMapping(document)) throw new RulePackError(shownAs, ['must be a mapping with eventTime, calendar and rules']);

  const problems: string[] = [];
  const top = new RuleFieldReader(document, '', problems);
  const eventTime = readEventTime(top.raw('eventTime'), problems);
  const publicNotice = readPublicNotice(top.raw('publicNotice'), problems);
  const calendarFile = readCalendarPath(top, file);
  const rules = readRules(top, problems);
  top.reportUnknownFields();
  if (problems.length) throw new RulePackError(shownAs, problems);
  return { file: shownAs, eventTime, publicNotice, calendarFile, rules };
}

/** Contract section 8's default: 低保, 特困供养 and 临时救助 are noticed for 5 days (公示5天) before payment. */
export const DEFAULT_PUBLIC_NOTICE: PublicNoticeSettings = {
  programs: ['DIBAO', 'TEKUN_SUPPORT', 'TEMPORARY'],
  days: 5,
};

function readPublicNotice(value: unknown, problems: string[]): PublicNoticeSettings {
  const r = RuleFieldReader.of(value ?? {}, '', 'publicNotice', problems);
  if (!r) return DEFAULT_PUBLIC_NOTICE;
  const settings = {
    programs: r.has('programs')
      ? r.codes('programs', KNOWN_PROGRAMS, 'program', { minItems: 0 })
      : DEFAULT_PUBLIC_NOTICE.programs,
    days: r.integer('days', 1, DEFAULT_PUBLIC_NOTICE.days),
  };
  r.reportUnknownFields();
  return settings;
}

function readEventTime(value: unknown, problems: string[]): EventTimeSettings {
  const r = RuleFieldReader.of(value ?? {}, '', 'eventTime', problems);
  if (!r) return { idleSpanMinutes: 60, wallClockAdvance: false };
  const settings = {
    idleSpanMinutes: r.integer('idleSpanMinutes', 1, 60),
    wallClockAdvance: r.boolean('wallClockAdvance', false),
  };
  r.reportUnknownFields();
  return settings;
}

function readCalendarPath(top: RuleFieldReader, file: string): string {
  const written = top.text('calendar');
  if (!written) return '';
  const resolved = path.resolve(path.dirname(file), written);
  if (!existsSync(resolved))
    top.report('calendar', `file ${written} not found (resolved against the rules file's folder: ${resolved})`);
  return resolved;
}

function readRules(top: RuleFieldReader, problems: string[]): RuleDefinition[] {
  const entries = top.list('rules');
  if (Array.isArray(top.raw('rules')) && entries.length === 0)
    top.report('rules', 'must list at least one rule (set enabled: false to switch one off)');
  const ids = new Map<string, number>();
  const rules: RuleDefinition[] = [];
  entries.forEach((entry, i) => {
    const id = isMapping(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    const label = id ? `rule ${id}` : `rules[${i}]`;
    if (!isMapping(entry)) {
      problems.push(`${label} must be a mapping (got ${describeValue(entry)})`);
      return;
    }
    const r = new RuleFieldReader(entry, `${label}: `, problems);
    if (id !== undefined && ids.has(id)) r.report('id', `${id} is used twice (rules[${ids.get(id)}] and rules[${i}])`);
    else if (id !== undefined) ids.set(id, i);
    const rule = readRule(r, id);
    if (rule) rules.push(rule);
  });
  return rules;
}

function readRule(r: RuleFieldReader, id: string | undefined): RuleDefinition | undefined {
  r.raw('id'); // readRules took the id already (for labels and duplicates); mark it known
  if (id === undefined) r.report('id', 'is missing (text such as omit.housing)');
  else if (!RULE_ID.test(id))
    r.report('id', `must be dotted lower-case words such as omit.housing (got ${JSON.stringify(id)})`);
  const template = r.raw('template');
  const base: Omit<RuleBase, 'id'> = {
    title: r.text('title'),
    enabled: r.boolean('enabled'),
    kind: r.oneOf('kind', ALERT_KINDS),
    topic: r.oneOf('topic', Object.values(ALERT_TOPIC_OF_KIND)),
    severity: r.oneOf('severity', SEVERITIES),
    scope: r.oneOf('scope', RULE_SCOPES),
    explanation: r.text('explanation'),
  };
  if (typeof template !== 'string' || !(RULE_TEMPLATES as readonly string[]).includes(template)) {
    // Without a known template the other fields cannot be judged: report only the template.
    r.report(
      'template',
      template === undefined
        ? `is missing (one of ${RULE_TEMPLATES.join(', ')})`
        : `must be one of ${RULE_TEMPLATES.join(', ')} (got ${describeValue(template)})`,
    );
    return undefined;
  }
  const fields = TEMPLATE_FIELD_READERS[template as RuleTemplate](r);
  const rule = { id: id ?? '', template, ...base, ...fields } as RuleDefinition;
  checkRuleConsistency(rule, r);
  r.reportUnknownFields();
  return rule;
}

/** Paths inside the working directory are shown relative (libs/rules/rules/default.yaml), others absolute. */
function displayName(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}
