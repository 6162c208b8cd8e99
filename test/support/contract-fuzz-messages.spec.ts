import { ALL_EVENT_TYPES, DEPARTMENTS, ID_TYPES } from '@hub/contract';
import { decodeBatch } from '../../apps/intake/src/decode-batch';
import { FUZZ_MAX_VALUE_BYTES, fuzzMessages } from './contract-fuzz-messages';

/**
 * The fuzz test's messages, checked against intake's pure decoding before any broker is involved: the
 * valid ones decode, the broken ones are rejected with the code they were made for, and every shape
 * the test claims to cover is there.
 */
describe('contract fuzz messages', () => {
  const messages = fuzzMessages(20251202, 3000);

  it('decode as intended: valid accepted, broken rejected with their code', () => {
    const wrong: string[] = [];
    for (const m of messages) {
      const [r] = decodeBatch(
        {
          topic: `intake.${m.department}`,
          partition: 0,
          department: m.department,
          maxValueBytes: FUZZ_MAX_VALUE_BYTES,
        },
        [
          {
            topic: `intake.${m.department}`,
            partition: 0,
            offset: '0',
            key: null,
            value: m.value,
            headers: m.headers,
            timestamp: '0',
          },
        ],
      );
      // STORE_REJECTED is the database's verdict, after decoding.
      const expected = m.valid || m.broken!.code === 'STORE_REJECTED' ? 'accepted' : m.broken!.code;
      const got = r.ok ? 'accepted' : r.code;
      if (got !== expected) wrong.push(`${m.shape}: expected ${expected}, got ${got}${r.ok ? '' : ` (${r.detail})`}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('cover every department, event type, mode, idType and ID number length 0-64', () => {
    const valid = messages.filter((m) => m.valid);
    expect(new Set(valid.map((m) => m.department))).toEqual(new Set(DEPARTMENTS));
    expect(new Set(valid.map((m) => m.valid!.type))).toEqual(new Set(ALL_EVENT_TYPES));
    expect(new Set(valid.map((m) => m.shape.split(' ')[2]))).toEqual(
      new Set(['structured', 'binary-json', 'binary-protobuf']),
    );
    const persons = valid
      .filter((m) => m.valid!.person && m.shape.includes('structured'))
      .map((m) => JSON.parse(m.value!.toString()).data.person as { idType?: string; idNumber?: string });
    expect(new Set(persons.map((p) => p.idType)).size).toBeGreaterThanOrEqual(ID_TYPES.length);
    const lengths = new Set(
      fuzzMessages(20251202, 16000)
        .filter((m) => m.valid?.person && m.shape.includes('structured'))
        .map(
          (m) =>
            Array.from((JSON.parse(m.value!.toString()).data.person.idNumber as string | undefined) ?? 'absent').length,
        ),
    );
    for (let n = 0; n <= 64; n++) expect({ n, seen: lengths.has(n) }).toEqual({ n, seen: true });
    expect(messages.filter((m) => m.broken).length).toBeGreaterThan(messages.length / 10);
  });
});
