import { JsonSchema } from './proto-json-schema';

/**
 * The `data` of what the hub publishes (contract section 6, and the hub's compatible additions), as JSON Schema for
 * the AsyncAPI document. The TypeScript shapes are person-links.ts (PersonLinkData, PersonMergedData) and the
 * detector's alert book; the spec of this file checks the contract's example messages against these schemas.
 * Extra properties are allowed: v1 consumers ignore what they do not know (section 8).
 */
const nullableString: JsonSchema = { type: ['string', 'null'] };

export const PERSON_LINKED_DATA: JsonSchema = {
  type: 'object',
  required: ['source', 'sourcePersonId', 'personId', 'decision', 'score', 'reasons'],
  properties: {
    source: { type: 'string', description: 'the department record: CloudEvents source of its events' },
    sourcePersonId: { type: 'string' },
    personId: {
      type: 'string',
      description:
        'the hub person the record is tied to (for POSSIBLE_MATCH: its own person, the candidate goes to review)',
    },
    decision: { type: 'string', enum: ['MATCH', 'POSSIBLE_MATCH', 'NEW', 'MANUAL'] },
    score: { type: 'number', description: 'match weight (log2 odds) of the best candidate' },
    reasons: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'level', 'weight'],
        properties: { field: { type: 'string' }, level: { type: 'string' }, weight: { type: 'number' } },
      },
    },
    householdId: { ...nullableString, description: 'addition (optional): the hub household of the person' },
  },
};

export const PERSON_MERGED_DATA: JsonSchema = {
  type: 'object',
  required: ['type', 'survivorId', 'mergedIds'],
  properties: {
    type: { const: 'MERGED' },
    survivorId: { type: 'string' },
    mergedIds: { type: 'array', items: { type: 'string' } },
  },
};

export const ALERT_RAISED_DATA: JsonSchema = {
  type: 'object',
  required: [
    'alertId',
    'kind',
    'ruleId',
    'severity',
    'personId',
    'householdId',
    'subject',
    'evidence',
    'explanation',
    'detectedAt',
    'dueAt',
  ],
  properties: {
    alertId: { type: 'string', description: 'stable: the same finding always has the same id' },
    kind: { type: 'string', enum: ['DUPLICATE', 'OMISSION'] },
    ruleId: { type: 'string', description: 'a rule of the rule pack (contract section 7)' },
    severity: { type: 'string' },
    personId: nullableString,
    householdId: nullableString,
    subject: {
      type: 'object',
      properties: { name: { type: 'string', description: 'masked' }, idNumberMasked: nullableString },
    },
    evidence: {
      type: 'array',
      items: {
        type: 'object',
        required: ['source', 'eventId'],
        properties: {
          source: { type: 'string' },
          eventId: { type: 'string' },
          benefitId: { type: 'string' },
          program: { type: 'string' },
          topic: { type: 'string' },
          partition: { type: 'integer' },
          offset: { type: 'integer' },
        },
      },
    },
    explanation: { type: 'string', description: 'for the township worker, in Chinese' },
    detectedAt: { type: 'string', format: 'date-time' },
    dueAt: { type: ['string', 'null'], description: 'omissions: when the missing assistance was due' },
  },
};

export const ALERT_RESOLVED_DATA: JsonSchema = {
  type: 'object',
  required: ['alertId', 'resolution', 'resolvedAt'],
  properties: {
    alertId: { type: 'string' },
    resolution: { type: 'string', enum: ['FULFILLED', 'RETRACTED', 'DISMISSED'] },
    resolvedAt: { type: 'string', format: 'date-time' },
    reason: nullableString,
  },
};

export const RECOVERY_OPENED_DATA: JsonSchema = {
  type: 'object',
  required: ['caseId', 'alertId', 'personId', 'department', 'benefitIds', 'amountDueFen', 'basis'],
  properties: {
    caseId: { type: 'string', description: 'stable: the same alert always gives the same case' },
    alertId: { type: 'string', description: 'the duplicate alert that established the overpayment' },
    personId: nullableString,
    department: { type: 'string', description: 'the department that made the grant to recover from' },
    benefitIds: { type: 'array', items: { type: 'string' } },
    amountDueFen: { type: 'integer', minimum: 1 },
    basis: {
      type: 'string',
      description: 'how the amount was computed (pro rata by day, or the excess over a recorded cost), in Chinese',
    },
  },
};

export const RECOVERY_UPDATED_DATA: JsonSchema = {
  type: 'object',
  required: ['caseId', 'recoveredFen', 'outstandingFen', 'status'],
  properties: {
    caseId: { type: 'string' },
    recoveredFen: { type: 'integer', minimum: 0 },
    outstandingFen: { type: 'integer', minimum: 0 },
    status: { type: 'string', enum: ['OPEN', 'PARTIAL', 'RECOVERED', 'WAIVED', 'CANCELLED'] },
    reason: {
      type: 'string',
      description: "addition (optional): the reviewer's reason for a waiver, or why the case was cancelled",
    },
  },
};

export const FEEDBACK_DATA: JsonSchema = {
  type: 'object',
  required: ['source', 'eventId', 'outcome', 'codes', 'detail'],
  properties: {
    source: {
      ...nullableString,
      description: "the event's source; null when the message could not be read as an event",
    },
    eventId: nullableString,
    sourcePersonId: { type: 'string' },
    outcome: { type: 'string', enum: ['ACCEPTED_WITH_FLAGS', 'DEAD_LETTERED', 'NEEDS_REVIEW'] },
    codes: {
      type: 'array',
      items: { type: 'string' },
      description: 'dead-letter codes, data-quality flags, or POSSIBLE_MATCH',
    },
    detail: { type: 'string', description: 'what to correct, in Chinese, personal data masked' },
    topic: { type: 'string', description: 'addition: where the message was read' },
    partition: { type: 'integer' },
    offset: { type: 'string' },
  },
};

/** The structured-mode CloudEvent around a `data` (contract section 2). */
export function cloudEventSchema(type: string, data: JsonSchema, source?: string): JsonSchema {
  return {
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'time', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', description: 'unique within source; the same source + id again is the same event' },
      source: source ? { type: 'string', description: source } : { type: 'string' },
      type: { const: type },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { type: 'string' },
      data,
    },
  };
}
