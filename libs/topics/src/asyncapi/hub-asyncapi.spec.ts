import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ALL_EVENT_TYPES } from '@hub/contract';
import { ALERT_TYPES } from '../alert-types';
import { PERSON_LINK_TYPES } from '../person-links';
import { TopicNames } from '../topic-names';
import { ASYNCAPI_FILE, asyncApiMessageId, asyncApiYaml, hubAsyncApiDocument } from './hub-asyncapi';
import { contractExamplesDir } from '../../../../test/support/contract-examples';

const REPO = path.resolve(__dirname, '../../../..');
const EXAMPLES = contractExamplesDir();

type Message = { name: string; payload: Record<string, unknown> };

describe('the AsyncAPI document (docs/asyncapi.yaml)', () => {
  const document = hubAsyncApiDocument() as {
    channels: Record<string, { address: string }>;
    components: { messages: Record<string, Message> };
  };

  it('is the one in the repository: bash deploy/hub.sh asyncapi writes it anew after a change of proto/ or the topics', () => {
    expect(fs.readFileSync(path.join(REPO, ASYNCAPI_FILE), 'utf8')).toEqual(asyncApiYaml());
  });

  it('is a valid AsyncAPI 3 document (the AsyncAPI parser finds no error)', async () => {
    const { diagnostics } = await new Parser().parse(asyncApiYaml());
    // Severity 0 is an error (the parser's diagnostics carry another copy's DiagnosticSeverity enum than it exports);
    // warnings and hints (style) are printed, not failed on.
    const errors = diagnostics.filter((d) => Number(d.severity) === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
  });

  it('has every topic the hub provisions and every event type of the contract and of its outputs', () => {
    const addresses = new Set(Object.values(document.channels).map((c) => c.address));
    expect(
      new TopicNames('')
        .provisioning(6)
        .map((t) => t.topic)
        .filter((t) => !addresses.has(t)),
    ).toEqual([]);
    const names = new Set(Object.values(document.components.messages).map((m) => m.name));
    const types = [...ALL_EVENT_TYPES, ...Object.values(PERSON_LINK_TYPES), ...Object.values(ALERT_TYPES)];
    expect(types.filter((t) => !names.has(t))).toEqual([]);
  });

  it("accepts every example message of the contract (shared/contract/examples) by its type's schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const file of files) {
      const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;
      // Binary mode: attributes in ce_ headers and the value is data; judged as the structured event it stands for.
      const headers = example.headers as Record<string, string> | undefined;
      const event = headers
        ? {
            specversion: headers.ce_specversion,
            id: headers.ce_id,
            source: headers.ce_source,
            type: headers.ce_type,
            time: headers.ce_time,
            data: example.value,
          }
        : example;
      const message = document.components.messages[asyncApiMessageId(String(event.type))];
      if (!message) {
        problems.push(`${file}: no message for ${String(event.type)}`);
        continue;
      }
      if (!ajv.validate(message.payload, event)) problems.push(`${file}: ${ajv.errorsText(ajv.errors)}`);
    }
    expect(problems).toEqual([]);
  });

  it('rejects a payload without a required field of its proto message, so the schemas say something', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const granted = document.components.messages[asyncApiMessageId('assist.benefit.granted.v1')];
    const event = {
      specversion: '1.0',
      id: 'x',
      source: '/330502/civil-affairs/mis',
      type: 'assist.benefit.granted.v1',
      time: '2026-02-03T10:00:00+08:00',
      data: {
        program: 'DIBAO',
        person: { sourcePersonId: 'a', name: '王' },
        period: { start: '2026-01-01', end: '2026-01-31' },
      },
    };
    expect(ajv.validate(granted.payload, event)).toBe(false);
    expect(ajv.errorsText(ajv.errors)).toMatch(/benefitId/);
  });
});
