import { DEPARTMENTS } from '@hub/contract';
import { HUB_SERVICES, LOCAL_PRINCIPALS, hubKafkaAcls, serviceTopicSpecs, serviceTopicUse } from './kafka-access';
import { TopicNames } from './topic-names';

describe("the hub's Kafka ACLs (issue 12)", () => {
  const topics = new TopicNames('ns.');
  const acls = hubKafkaAcls({
    topics,
    intakePartitions: 6,
    departmentPrincipal: LOCAL_PRINCIPALS.department,
    servicePrincipal: LOCAL_PRINCIPALS.service,
    consumerGroups: {
      intake: ['ns.intake'],
      matcher: ['ns.matcher'],
      detector: ['ns.detector'],
      admin: ['ns.admin.dead-letters', 'assist-hub-admin.peek.'],
    },
    describedGroups: ['ns.intake'],
  });
  const of = (principal: string) =>
    acls
      .filter((a) => a.principal === `User:${principal}`)
      .map((a) => `${a.operation} ${a.resource} ${a.name}`)
      .sort();

  it('lets a department write its own intake topic and read its own feedback, nothing else', () => {
    for (const d of DEPARTMENTS) {
      expect(of(LOCAL_PRINCIPALS.department(d))).toEqual([
        `READ GROUP assist-hub.feedback.${d}`,
        `READ TOPIC ns.feedback.${d}`,
        `WRITE TOPIC ns.intake.${d}`,
      ]);
    }
  });

  it('lets nobody but the departments and the admin (dead-letter replays) write an intake topic', () => {
    const writers = new Set(
      acls.filter((a) => a.operation === 'WRITE' && topics.departmentOf(a.name)).map((a) => a.principal),
    );
    expect([...writers].sort()).toEqual([...DEPARTMENTS.map((d) => `User:department-${d}`), 'User:hub-admin'].sort());
  });

  it('gives each topic one writing service (a department’s feedback two: intake and the matcher), and each service read rights on its groups only', () => {
    const hubWriters = new Map<string, string[]>();
    for (const a of acls.filter((x) => x.operation === 'WRITE' && !topics.departmentOf(x.name)))
      hubWriters.set(a.name, [...(hubWriters.get(a.name) ?? []), a.principal]);
    for (const [topic, writers] of hubWriters)
      expect([topic, writers.sort()]).toEqual([
        topic,
        topics.allFeedback.includes(topic) ? ['User:hub-intake', 'User:hub-matcher'] : [writers[0]],
      ]);
    expect(of('hub-matcher')).toEqual(
      [
        'READ GROUP ns.matcher',
        'READ TOPIC ns.hub.intake.accepted',
        ...DEPARTMENTS.map((d) => `WRITE TOPIC ns.feedback.${d}`).sort(),
        'WRITE TOPIC ns.hub.events.linked',
        'WRITE TOPIC ns.persons.links',
      ].sort(),
    );
    expect(
      acls.filter((a) => a.resource === 'GROUP').every((a) => a.pattern === 'PREFIXED' || a.operation === 'DESCRIBE'),
    ).toBe(true);
  });

  it('lets the detector see intake offsets (event time) but not read intake events', () => {
    const detector = of('hub-detector');
    for (const d of DEPARTMENTS) {
      expect(detector).toContain(`DESCRIBE TOPIC ns.intake.${d}`);
      expect(detector).not.toContain(`READ TOPIC ns.intake.${d}`);
    }
  });

  it('has each service check just the topics it reads or writes', () => {
    for (const service of HUB_SERVICES) {
      const use = serviceTopicUse(topics, service, 6);
      expect(
        serviceTopicSpecs(topics, service, 6)
          .map((t) => t.topic)
          .sort(),
      ).toEqual([...new Set([...use.read, ...use.write])].sort());
    }
  });
});
