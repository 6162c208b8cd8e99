import { DEPARTMENTS, Department } from '@hub/contract';
import type { AclRule } from '@hub/kafka';
import { PREPAYMENT_CHECK_TOPIC, TopicNames } from './topic-names';

/** The hub's services that are Kafka clients, each with a principal of its own on a secured cluster (issue 12). */
export const HUB_SERVICES = ['intake', 'matcher', 'detector', 'admin'] as const;
export type HubService = (typeof HUB_SERVICES)[number];

/** Each service's Kafka client id; the admin's topic browser reads through groups named after it (peek groups). */
export function hubClientId(service: HubService): string {
  return `assist-hub-${service}`;
}

/** Default consumer group ids (each service's settings may name another). */
export const DEFAULT_CONSUMER_GROUPS = {
  intake: 'assist-hub.intake',
  matcher: 'assist-hub.matcher',
  detector: 'assist-hub.detector',
  adminDeadLetters: 'assist-hub.admin.dead-letters',
} as const;

/**
 * SCRAM user names of the local secure broker (`demo --secure`): one principal per department, so the broker
 * pins each department to its own topic (contract §1), one per service, the operator who provisions topics and
 * ACLs, and the broker itself. A county's own cluster may name them otherwise: the ACLs take names as given.
 */
export const LOCAL_PRINCIPALS = {
  department: (d: Department) => `department-${d}`,
  service: (s: HubService) => `hub-${s}`,
  operator: 'hub-ops',
  broker: 'hub-broker',
} as const;

/** Every local principal name, the super users (operator, broker) included. */
export function localPrincipalNames(): string[] {
  return [
    LOCAL_PRINCIPALS.broker,
    LOCAL_PRINCIPALS.operator,
    ...HUB_SERVICES.map(LOCAL_PRINCIPALS.service),
    ...DEPARTMENTS.map(LOCAL_PRINCIPALS.department),
  ];
}

/** The consumer group prefix a department reads its feedback topic as (its ACL allows these groups only). */
export function departmentFeedbackGroup(department: Department): string {
  return `assist-hub.feedback.${department}`;
}

/** What one client may do with topics: read (consume), write (produce), describe (offsets only). */
export interface TopicUse {
  read: string[];
  write: string[];
  describe: string[];
}

/**
 * The topics each service reads, writes and only describes: the one statement of who talks on which topic,
 * from which the ACLs are made and each service checks its topics at start.
 */
export function serviceTopicUse(topics: TopicNames, service: HubService, intakePartitions: number): TopicUse {
  switch (service) {
    case 'intake':
      return {
        read: topics.allIntake,
        write: [topics.deadLetter, topics.acceptedEvents, ...topics.allFeedback],
        describe: [],
      };
    case 'matcher':
      return {
        read: [topics.acceptedEvents],
        write: [topics.personLinks, topics.linkedEvents, ...topics.allFeedback],
        describe: [],
      };
    case 'detector':
      // Event time waits for each intake partition's end offset (contract §7): offsets only, never the events.
      return {
        read: [topics.linkedEvents, PREPAYMENT_CHECK_TOPIC],
        write: [topics.duplicateAlerts, topics.omissionAlerts, topics.recoveryCases, `${PREPAYMENT_CHECK_TOPIC}.reply`],
        describe: topics.allIntake,
      };
    case 'admin':
      // The topic browser shows one message of any hub topic (masked); dead letters are replayed to their intake topic.
      return { read: topics.provisioning(intakePartitions).map((t) => t.topic), write: topics.allIntake, describe: [] };
  }
}

/** The topics a service uses, as provisioning specs (what it checks, or creates when it manages topics). */
export function serviceTopicSpecs(
  topics: TopicNames,
  service: HubService,
  intakePartitions: number,
  eventRetentionDays?: number,
): ReturnType<TopicNames['provisioning']> {
  const use = serviceTopicUse(topics, service, intakePartitions);
  const used = new Set([...use.read, ...use.write]);
  return topics.provisioning(intakePartitions, eventRetentionDays).filter((t) => used.has(t.topic));
}

export interface HubAclInput {
  topics: TopicNames;
  intakePartitions: number;
  /** Principal name (without `User:`) of each department and each service. */
  departmentPrincipal: (d: Department) => string;
  servicePrincipal: (s: HubService) => string;
  /** Consumer group id prefixes each service consumes as (its group, and groups derived from it). */
  consumerGroups: Record<HubService, string[]>;
  /** Groups whose committed offsets the admin shows (feeds page lag). */
  describedGroups: string[];
}

/**
 * Least privilege for the hub on a secured cluster: a department may only write its own intake topic and read its
 * own feedback topic; each service may read and write just the topics `serviceTopicUse` names and consume only as its
 * own groups. Pure, so the README's list and the tests come from the same rules.
 */
export function hubKafkaAcls(input: HubAclInput): AclRule[] {
  const grants: AclRule[] = [];
  const topic = (principal: string, name: string, operation: AclRule['operation']) =>
    grants.push({ principal: `User:${principal}`, resource: 'TOPIC', name, pattern: 'LITERAL', operation });
  for (const d of DEPARTMENTS) {
    topic(input.departmentPrincipal(d), input.topics.intake(d), 'WRITE');
    // Its own feedback (contract §8), consumed as groups named after it.
    topic(input.departmentPrincipal(d), input.topics.feedback(d), 'READ');
    grants.push({
      principal: `User:${input.departmentPrincipal(d)}`,
      resource: 'GROUP',
      name: departmentFeedbackGroup(d),
      pattern: 'PREFIXED',
      operation: 'READ',
    });
  }
  for (const service of HUB_SERVICES) {
    const principal = input.servicePrincipal(service);
    const use = serviceTopicUse(input.topics, service, input.intakePartitions);
    for (const name of use.read) topic(principal, name, 'READ');
    for (const name of use.write) topic(principal, name, 'WRITE');
    for (const name of use.describe) topic(principal, name, 'DESCRIBE');
    for (const group of input.consumerGroups[service])
      grants.push({
        principal: `User:${principal}`,
        resource: 'GROUP',
        name: group,
        pattern: 'PREFIXED',
        operation: 'READ',
      });
  }
  for (const group of input.describedGroups)
    grants.push({
      principal: `User:${input.servicePrincipal('admin')}`,
      resource: 'GROUP',
      name: group,
      pattern: 'LITERAL',
      operation: 'DESCRIBE',
    });
  return grants;
}
