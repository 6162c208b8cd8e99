import { KNOWN_PROGRAMS, KNOWN_STATUSES } from '@hub/contract';
import { attributeShape } from './attribute-conditions';
import {
  AfterDeathRule,
  ExclusiveRule,
  OutsideStandardRule,
  OverlapRule,
  SameCauseRule,
  TemplateFields,
} from './rule-definitions';
import { RuleFieldReader } from './rule-field-reader';

/** Readers of the fields of the DUPLICATE templates (contract §7, dup.*). */

export function readOverlapFields(r: RuleFieldReader): TemplateFields<OverlapRule> {
  return {
    programs: r.codes('programs', KNOWN_PROGRAMS, 'program', { minItems: 1 }),
    minOverlapDays: r.integer('minOverlapDays', 1),
  };
}

export function readExclusiveFields(r: RuleFieldReader): TemplateFields<ExclusiveRule> {
  const exclusivePairs: [string, string][] = [];
  const listed = r.list('exclusivePairs');
  if (Array.isArray(r.raw('exclusivePairs')) && listed.length === 0)
    r.report('exclusivePairs', 'must list at least one pair');
  listed.forEach((pair, i) => {
    const at = `exclusivePairs[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2) {
      r.report(at, `must be a pair [PROGRAM, PROGRAM] (got ${JSON.stringify(pair ?? null)})`);
      return;
    }
    const bad = pair.filter((code) => typeof code !== 'string' || !KNOWN_PROGRAMS.has(code));
    if (bad.length)
      r.report(at, `${bad.map((b) => JSON.stringify(b)).join(', ')} is not a program code of contract §5`);
    else if (pair[0] === pair[1]) r.report(at, `pairs ${pair[0]} with itself; that is dup.same-program-overlap's job`);
    else exclusivePairs.push([pair[0] as string, pair[1] as string]); // both known program codes (bad is empty)
  });
  return { exclusivePairs, minOverlapDays: r.integer('minOverlapDays', 1) };
}

export function readSameCauseFields(r: RuleFieldReader): TemplateFields<SameCauseRule> {
  return {
    programs: r.codes('programs', KNOWN_PROGRAMS, 'program', { minItems: 2 }),
    recordedCost: readRecordedCost(r),
    toleranceFen: r.integer('toleranceFen', 0),
    withoutRecordedCost: r.oneOf('withoutRecordedCost', ['SAME_PROGRAM', 'NO_FINDING'] as const),
    explanationWithoutCost: r.text('explanationWithoutCost'),
  };
}

function readRecordedCost(r: RuleFieldReader): SameCauseRule['recordedCost'] {
  const cost = RuleFieldReader.of(r.raw('recordedCost'), '', r.pathOf('recordedCost'), r.problems);
  if (!cost) return { status: '', refAttribute: '', amountAttribute: '' };
  const status = cost.code('status', KNOWN_STATUSES, 'status');
  const refAttribute = cost.text('refAttribute');
  const amountAttribute = cost.text('amountAttribute');
  cost.reportUnknownFields();
  if (status && refAttribute && attributeShape(status, refAttribute)?.type !== 'reference') {
    cost.report('refAttribute', `${refAttribute} is not a reference attribute of ${status} (contract §5)`);
  }
  // Only a money amount can be compared with the sum of grants.
  if (
    status &&
    amountAttribute &&
    (attributeShape(status, amountAttribute)?.type !== 'integer' || !amountAttribute.endsWith('Fen'))
  ) {
    cost.report('amountAttribute', `${amountAttribute} is not an amount in fen of ${status} (contract §5)`);
  }
  return { status, refAttribute, amountAttribute };
}

export function readAfterDeathFields(r: RuleFieldReader): TemplateFields<AfterDeathRule> {
  return {
    programs: r.codes('programs', KNOWN_PROGRAMS, 'program', { minItems: 1 }),
    deathStatus: r.code('deathStatus', KNOWN_STATUSES, 'status'),
    graceDays: r.integer('graceDays', 0),
  };
}

export function readOutsideStandardFields(r: RuleFieldReader): TemplateFields<OutsideStandardRule> {
  const direction = r.has('direction') ? r.text('direction') : 'ABOVE';
  if (direction !== 'ABOVE' && direction !== 'BELOW')
    r.report('direction', `must be ABOVE or BELOW (got ${JSON.stringify(direction)})`);
  return {
    programs: r.codes('programs', KNOWN_PROGRAMS, 'program', { minItems: 1 }),
    direction: direction === 'BELOW' ? 'BELOW' : 'ABOVE',
  };
}
