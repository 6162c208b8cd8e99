import { AclRule, KafkajsMessageBus, peekGroupPrefix } from '@hub/kafka';
import { DEFAULT_CONSUMER_GROUPS, LOCAL_PRINCIPALS, TopicNames, hubClientId, hubKafkaAcls } from '@hub/topics';

/** Consumer groups of the services, as their settings name them (the defaults unless given). */
export interface HubGroupIds {
  intake: string;
  matcher: string;
  detector: string;
  adminDeadLetters: string;
  /** Groups whose lag the admin's feeds page shows (ADMIN_FEED_GROUPS). */
  feeds: string[];
}

export function groupIdsFrom(env: NodeJS.ProcessEnv): HubGroupIds {
  return {
    intake: env.INTAKE_GROUP_ID || DEFAULT_CONSUMER_GROUPS.intake,
    matcher: env.MATCHER_GROUP_ID || DEFAULT_CONSUMER_GROUPS.matcher,
    detector: env.DETECTOR_GROUP_ID || DEFAULT_CONSUMER_GROUPS.detector,
    adminDeadLetters: env.ADMIN_DEAD_LETTER_GROUP_ID || DEFAULT_CONSUMER_GROUPS.adminDeadLetters,
    feeds: env.ADMIN_FEED_GROUPS
      ? env.ADMIN_FEED_GROUPS.split(',')
          .map((g) => g.trim())
          .filter(Boolean)
      : [env.INTAKE_GROUP_ID || DEFAULT_CONSUMER_GROUPS.intake],
  };
}

/** The ACLs the hub needs with the local principal names: what `demo --secure` grants and the README lists. */
export function localHubAcls(topics: TopicNames, intakePartitions: number, groups: HubGroupIds): AclRule[] {
  return hubKafkaAcls({
    topics,
    intakePartitions,
    departmentPrincipal: LOCAL_PRINCIPALS.department,
    servicePrincipal: LOCAL_PRINCIPALS.service,
    consumerGroups: {
      intake: [groups.intake],
      matcher: [groups.matcher],
      // The pre-payment check's Nest transport consumes as a group named after the detector's.
      detector: [groups.detector],
      admin: [groups.adminDeadLetters, peekGroupPrefix(hubClientId('admin'))],
    },
    describedGroups: groups.feeds,
  });
}

/** Creates the hub's topics and, on a secured broker, grants the hub's ACLs: the operator's work, as hub-ops. */
export async function provisionKafka(
  bus: KafkajsMessageBus,
  options: { topics: TopicNames; intakePartitions: number; eventRetentionDays?: number; acls?: AclRule[] },
): Promise<void> {
  await bus.ensureTopics(options.topics.provisioning(options.intakePartitions, options.eventRetentionDays));
  if (options.acls) await bus.grantAcls(options.acls);
}

/** The ACLs as a Markdown table, for an operator whose ACLs another tool manages (hub-ops kafka:acls, hub.sh kafka:acls). */
export function aclTable(acls: AclRule[]): string {
  const rows = acls.map(
    (a) => `| \`${a.principal}\` | ${a.operation} | ${a.resource} | \`${a.name}\` | ${a.pattern} |`,
  );
  return ['| principal | operation | resource | name | pattern |', '| --- | --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}
