import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { validatePlain } from './compiled-validator';
import { PAYLOAD_TYPES } from './payloads';
import { generateFeed } from '../../../test/generator/feed';
import { decodeCloudEvent } from './cloudevent';
import { ALL_EVENT_TYPES } from './catalogues';

/** The compiled path must say exactly what class-validator itself says, on good and bad input. */
function summary(errors: ValidationError[], prefix = ''): string[] {
  return errors
    .flatMap((e) => [
      ...Object.entries(e.constraints ?? {}).map(([type, message]) => `${prefix}${e.property}:${type}:${message}`),
      ...summary(e.children ?? [], `${prefix}${e.property}.`),
    ])
    .sort();
}

function mutations(payload: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [k, v] of Object.entries(payload)) {
    out.push(
      { ...payload, [k]: undefined },
      { ...payload, [k]: null },
      { ...payload, [k]: 42 },
      { ...payload, [k]: 'x'.repeat(600) },
    );
    if (v && typeof v === 'object') {
      for (const inner of Object.keys(v))
        out.push({ ...payload, [k]: { ...v, [inner]: undefined } }, { ...payload, [k]: { ...v, [inner]: -1 } });
    }
  }
  return out;
}

describe('validatePlain agrees with class-validator', () => {
  const feed = generateFeed({ seed: 11, households: 60, plantedPerRule: 1 });
  const known = new Set(ALL_EVENT_TYPES);
  const payloads = feed.messages
    .filter((m) => m.mode !== 'binary-protobuf')
    .map((m) => decodeCloudEvent(m.value, m.headers, m.department, known))
    .map((e) => ({ type: e.type as keyof typeof PAYLOAD_TYPES, data: e.data as Record<string, unknown> }));
  const types = new Set(payloads.map((p) => p.type));

  it('covers every event type', () => {
    expect([...types].sort()).toEqual(
      [...ALL_EVENT_TYPES].filter((t) => types.has(t as keyof typeof PAYLOAD_TYPES)).sort(),
    );
    expect(types.size).toBeGreaterThanOrEqual(5);
  });

  it('on valid payloads and on thousands of broken ones', () => {
    let compared = 0;
    let invalid = 0;
    for (const p of payloads.slice(0, 300)) {
      const dto = PAYLOAD_TYPES[p.type].dto as new () => object;
      for (const candidate of [p.data, ...mutations(p.data)]) {
        const expected = summary(validateSync(plainToInstance(dto, candidate), { forbidUnknownValues: false }));
        const actual = summary(validatePlain(dto, candidate));
        expect(actual).toEqual(expected);
        compared++;
        if (expected.length) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(1000);
    expect(compared).toBeGreaterThan(invalid);
  });
});
