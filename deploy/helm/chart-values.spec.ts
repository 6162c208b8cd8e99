import * as fs from 'node:fs';
import * as path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { CommonSettings } from '@hub/config';
import { DEFAULT_CONSUMER_GROUPS, HUB_SERVICES, HubService, LOCAL_PRINCIPALS } from '@hub/topics';
import { AdminSettings } from '../../apps/admin/src/admin.settings';
import { DetectorSettings } from '../../apps/detector/src/detector.settings';
import { IntakeSettings } from '../../apps/intake/src/intake.settings';
import { MatcherSettings } from '../../apps/matcher/src/matcher.settings';
import { databasePasswordSetting } from '../../apps/ops/src/ops-settings';

/**
 * The chart and the compose file repeat a few facts the code owns (setting names, ports, consumer groups, principal
 * names): a typo there would be a setting silently ignored on a county's cluster. Each is checked against the code.
 */
const SETTINGS: Record<HubService, new () => CommonSettings> = {
  intake: IntakeSettings,
  matcher: MatcherSettings,
  detector: DetectorSettings,
  admin: AdminSettings,
};

/** Every setting a class reads: its validated properties (an optional one without a default has no initial value). */
function settingNames(settings: new () => object): Set<string> {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(settings, '', true, false)
    .map((m) => m.propertyName);
  return new Set([...validated, ...Object.keys(new settings())]);
}

/** Every setting any process of the hub reads: the services' and hub-ops migrate's role passwords. */
const anySetting = new Set([
  ...HUB_SERVICES.flatMap((s) => [...settingNames(SETTINGS[s])]),
  ...HUB_SERVICES.map(databasePasswordSetting),
]);

describe('the Helm chart and the compose file against the code', () => {
  const values = parse(fs.readFileSync(path.join(__dirname, 'assist-hub/values.yaml'), 'utf8')) as {
    common: Record<string, string>;
    services: Record<HubService, { port: number; env: Record<string, string> }>;
    consumerGroups: Record<string, string>;
    kafka: { usernames: Record<string, string> };
  };

  it('sets only settings the services read', () => {
    const common = settingNames(CommonSettings);
    expect(Object.keys(values.common).filter((k) => !common.has(k))).toEqual([]);
    for (const service of HUB_SERVICES) {
      const own = settingNames(SETTINGS[service]);
      expect({ service, unknown: Object.keys(values.services[service].env).filter((k) => !own.has(k)) }).toEqual({
        service,
        unknown: [],
      });
    }
  });

  it('names only settings the hub reads in the templates themselves', () => {
    const templates = path.join(__dirname, 'assist-hub/templates');
    const named = fs
      .readdirSync(templates)
      .flatMap((f) =>
        [...fs.readFileSync(path.join(templates, f), 'utf8').matchAll(/- name: ([A-Z][A-Z0-9_]+)\s*$/gm)].map(
          (m) => m[1],
        ),
      );
    expect(named.length).toBeGreaterThan(10);
    expect([...new Set(named)].filter((n) => !anySetting.has(n))).toEqual([]);
  });

  it("gives each service its default port, its default consumer group and its principal's name", () => {
    for (const service of HUB_SERVICES) {
      const defaults = new SETTINGS[service]() as unknown as Record<string, unknown>;
      expect({ service, port: values.services[service].port }).toEqual({
        service,
        port: defaults[`${service.toUpperCase()}_HTTP_PORT`],
      });
      expect(values.kafka.usernames[service]).toBe(LOCAL_PRINCIPALS.service(service));
    }
    expect(values.kafka.usernames.ops).toBe(LOCAL_PRINCIPALS.operator);
    expect(values.consumerGroups).toEqual({
      intake: DEFAULT_CONSUMER_GROUPS.intake,
      matcher: DEFAULT_CONSUMER_GROUPS.matcher,
      detector: DEFAULT_CONSUMER_GROUPS.detector,
    });
  });

  it('sets only settings the services read in the compose file too, and runs every service and both jobs', () => {
    const compose = parse(fs.readFileSync(path.join(__dirname, '../compose/compose.yaml'), 'utf8'), {
      merge: true,
    }) as {
      services: Record<string, { command?: string[]; environment?: Record<string, string> }>;
    };
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.command) continue;
      expect({ name, unknown: Object.keys(service.environment ?? {}).filter((k) => !anySetting.has(k)) }).toEqual({
        name,
        unknown: [],
      });
    }
    const commands = Object.values(compose.services).map((s) => s.command?.join(' '));
    expect(commands).toEqual(expect.arrayContaining([...HUB_SERVICES, 'ops migrate', 'ops kafka:provision']));
  });
});
