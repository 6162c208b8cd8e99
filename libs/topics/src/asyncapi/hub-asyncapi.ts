import { stringify } from 'yaml';
import { CommonSettings } from '@hub/config';
import { DEPARTMENTS, INTAKE_ERROR_CODES, PAYLOAD_TYPES, contractProtoRoot } from '@hub/contract';
import { ALERT_TYPES } from '../alert-types';
import { DEAD_LETTER_HEADERS } from '../dead-letter';
import { HUB_SERVICES, HubService, serviceTopicUse } from '../kafka-access';
import { PERSON_LINK_TYPES } from '../person-links';
import { PREPAYMENT_CHECK_TOPIC, TopicNames } from '../topic-names';
import {
  ALERT_RAISED_DATA,
  ALERT_RESOLVED_DATA,
  FEEDBACK_DATA,
  PERSON_LINKED_DATA,
  PERSON_MERGED_DATA,
  RECOVERY_OPENED_DATA,
  RECOVERY_UPDATED_DATA,
  cloudEventSchema,
} from './output-schemas';
import { RECOVERY_CASE_STATUSES, RECOVERY_CASE_TYPES } from '../recovery-cases';
import { FEEDBACK_TYPE } from '../feedback';
import { JsonSchema, jsonSchemaOfMessage } from './proto-json-schema';

/** The partitions the document states for the intake topics: INTAKE_PARTITIONS' default. */
const DOCUMENTED_INTAKE_PARTITIONS = new CommonSettings().INTAKE_PARTITIONS;

/** A channel id from a topic name: AsyncAPI ids may not hold dots. */
const channelId = (topic: string) => topic.replace(/[^A-Za-z0-9]+/g, '_');
/** A message id from a CloudEvent type: assist.benefit.granted.v1 → benefitGranted. */
const messageId = (type: string) =>
  type
    .replace(/^assist\./, '')
    .replace(/\.v\d+$/, '')
    .replace(/\.([a-z])/g, (_m, c: string) => c.toUpperCase());

const INTERNAL_PAYLOAD: JsonSchema = {
  type: 'object',
  description:
    'Internal to the hub, not part of the contract: batches of events for the next service (libs/topics). No department reads or writes it.',
};

/**
 * The AsyncAPI 3 document of every topic the hub reads and writes: the intake topics' event types with payload
 * schemas generated from proto/ (the contract's source of truth), what the hub publishes (contract section 6),
 * and its internal topics; operations per service from the same table the Kafka ACLs are granted from
 * (serviceTopicUse). docs/asyncapi.yaml is this, written by `deploy/hub.sh asyncapi`; a spec keeps them equal.
 */
export function hubAsyncApiDocument(): Record<string, unknown> {
  const topics = new TopicNames('');
  const proto = contractProtoRoot();
  const messages: Record<string, unknown> = {};
  const message = (type: string, summary: string, data: JsonSchema, extra: Record<string, unknown> = {}) => {
    messages[messageId(type)] = {
      name: type,
      title: type,
      summary,
      contentType: 'application/cloudevents+json',
      payload: cloudEventSchema(type, data),
      ...extra,
    };
    return { $ref: `#/components/messages/${messageId(type)}` };
  };

  const inputRefs = Object.entries(PAYLOAD_TYPES).map(([type, { proto: protoName }]) =>
    message(type, `Contract section 3: ${type}`, jsonSchemaOfMessage(proto.lookupType(protoName)), {
      description: `Structured mode as shown. Binary mode: attributes in headers ce_specversion, ce_id, ce_source, ce_type, ce_time; the value is data, as JSON (content-type application/json) or protobuf (application/x-protobuf, message ${protoName} of proto/).`,
      'x-proto-message': protoName,
    }),
  );
  const linked = message(PERSON_LINK_TYPES.linked, 'A department record tied to a hub person', PERSON_LINKED_DATA);
  const merged = message(
    PERSON_LINK_TYPES.merged,
    'Hub persons merged into a survivor; merged ids redirect to it',
    PERSON_MERGED_DATA,
  );
  const raised = message(ALERT_TYPES.raised, 'An alert raised: a claim a township worker acts on', ALERT_RAISED_DATA);
  const provisional = message(
    ALERT_TYPES.provisional,
    'Addition: a finding whose persons are in an unsettled review pair; never a confirmed alert',
    ALERT_RAISED_DATA,
  );
  const resolved = message(
    ALERT_TYPES.resolved,
    'An alert resolved: FULFILLED, RETRACTED or DISMISSED',
    ALERT_RESOLVED_DATA,
  );
  const feedback = message(
    FEEDBACK_TYPE,
    'Contract section 8: an event dead-lettered, accepted with data-quality flags, or waiting for a reviewer',
    FEEDBACK_DATA,
  );
  const caseOpened = message(
    RECOVERY_CASE_TYPES.opened,
    'Contract section 8: a recovery case (追回) opened from a duplicate alert that establishes an overpayment',
    RECOVERY_OPENED_DATA,
  );
  const caseUpdated = message(
    RECOVERY_CASE_TYPES.updated,
    `Contract section 8: a recovery, a waiver or a cancellation: ${RECOVERY_CASE_STATUSES.join(', ')}`,
    RECOVERY_UPDATED_DATA,
  );
  messages.deadLetter = {
    name: 'dead-letter',
    title: 'Dead letter',
    summary: 'An input that could not be accepted, unchanged (value, key, headers), plus why',
    headers: {
      type: 'object',
      required: Object.values(DEAD_LETTER_HEADERS),
      properties: {
        [DEAD_LETTER_HEADERS.code]: { type: 'string', enum: Object.keys(INTAKE_ERROR_CODES) },
        [DEAD_LETTER_HEADERS.detail]: { type: 'string' },
        [DEAD_LETTER_HEADERS.sourceTopic]: { type: 'string' },
        [DEAD_LETTER_HEADERS.sourcePartition]: { type: 'string' },
        [DEAD_LETTER_HEADERS.sourceOffset]: { type: 'string' },
      },
    },
    payload: { description: 'the rejected value, byte for byte' },
  };
  messages.internalBatch = { name: 'internal-batch', title: 'Internal batch', payload: INTERNAL_PAYLOAD };
  messages.prepaymentCheck = {
    name: 'prepayment-check',
    title: 'Pre-payment check',
    summary: 'Addition: may this benefit be paid? Nest request-reply (headers kafka_correlationId, kafka_replyTopic)',
    payload: { type: 'object', description: 'The body of POST /prepayment/checks (the detector OpenAPI document)' },
  };
  const refOf = (id: string) => ({ $ref: `#/components/messages/${id}` });

  const channels: Record<string, unknown> = {};
  const channel = (topic: string, description: string, refs: { $ref: string }[]) => {
    channels[channelId(topic)] = {
      address: topic,
      description,
      messages: Object.fromEntries(refs.map((r) => [r.$ref.split('/').pop()!, r])),
    };
  };
  for (const d of DEPARTMENTS)
    channel(
      topics.intake(d),
      `Contract section 1: the ${d} department publishes here (its principal may write nothing else). Key: its sourcePersonId.`,
      inputRefs,
    );
  channel(topics.deadLetter, 'Contract section 6: every input that could not be accepted.', [refOf('deadLetter')]);
  for (const d of DEPARTMENTS)
    channel(
      topics.feedback(d),
      `Contract section 8: what the ${d} department should correct at the source; readable by that department only (consumer groups assist-hub.feedback.${d}*).`,
      [feedback],
    );
  channel(topics.personLinks, 'Contract section 6: every link decision and every merge. Keyed by personId.', [
    linked,
    merged,
  ]);
  channel(
    topics.duplicateAlerts,
    'Contract section 6: duplicate-assistance alerts (重复救助) and payments after exit (应退未退).',
    [raised, provisional, resolved],
  );
  channel(topics.omissionAlerts, 'Contract section 6: omission alerts (遗漏救助 / 应保未保) and SLA breaches.', [
    raised,
    provisional,
    resolved,
  ]);
  channel(
    topics.recoveryCases,
    'Contract section 8: recovery cases (追回) and every change of them. Keyed by caseId.',
    [caseOpened, caseUpdated],
  );
  channel(topics.acceptedEvents, 'Internal: events intake accepted, parsed, for the matcher.', [
    refOf('internalBatch'),
  ]);
  channel(
    topics.linkedEvents,
    'Internal: accepted events tied to persons and households, and merges, for the detector.',
    [refOf('internalBatch')],
  );
  channel(PREPAYMENT_CHECK_TOPIC, 'Addition: pre-payment checks asked over Kafka.', [refOf('prepaymentCheck')]);
  channel(`${PREPAYMENT_CHECK_TOPIC}.reply`, 'Addition: answers to pre-payment checks.', [refOf('prepaymentCheck')]);

  const operations: Record<string, unknown> = {};
  for (const service of HUB_SERVICES) {
    const use = serviceTopicUse(topics, service, DOCUMENTED_INTAKE_PARTITIONS);
    for (const [action, list] of [
      ['receive', use.read],
      ['send', use.write],
    ] as const) {
      for (const topic of list) {
        const id = channelId(topic);
        operations[`${service}_${action}_${id}`] = {
          action,
          title: `${service} ${action === 'send' ? 'writes' : 'reads'} ${topic}`,
          summary: operationSummary(service, action, topic, topics),
          channel: { $ref: `#/channels/${id}` },
          'x-hub-service': service,
        };
      }
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'assist-hub',
      version: '1.0.0',
      description:
        'Cross-department data-sharing hub for social assistance (社会救助). Contract v1 (CONTRACT.md); the payloads of section 3 are generated from proto/. Topic names as in production (TOPIC_NAMESPACE empty).',
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      county: {
        host: '{brokers}',
        protocol: 'kafka',
        description: "The county's Kafka cluster: TLS, and one SASL principal per department and per service.",
        variables: { brokers: { default: 'kafka.example:9093', description: 'bootstrap brokers (KAFKA_BROKERS)' } },
        security: [{ $ref: '#/components/securitySchemes/scram' }],
      },
    },
    channels,
    operations,
    components: {
      messages,
      securitySchemes: {
        scram: { type: 'scramSha512', description: 'SASL/SCRAM-SHA-512 over TLS (OAUTHBEARER is supported too)' },
      },
    },
  };
}

function operationSummary(service: HubService, action: 'send' | 'receive', topic: string, topics: TopicNames): string {
  if (service === 'admin' && action === 'receive')
    return 'the console shows one masked message of a topic on request; dead letters are read to be replayed';
  if (service === 'admin') return 'a replayed dead letter goes back to its intake topic';
  if (topics.departmentOf(topic))
    return 'every department event: validated, stored once, dead-lettered when it cannot be accepted';
  return action === 'send'
    ? 'written through the outbox after its transaction commits'
    : 'consumed in its consumer group';
}

export { messageId as asyncApiMessageId };

/** Where the document is kept in the repository (for integrators: it is what they build against). */
export const ASYNCAPI_FILE = 'docs/asyncapi.yaml';

export function asyncApiYaml(): string {
  return `# Generated by \`bash deploy/hub.sh asyncapi\` from proto/ and libs/topics: edit those, not this.\n${stringify(hubAsyncApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
