import * as path from 'node:path';
import * as protobuf from 'protobufjs';

/** proto/ at the repository root is the contract's source of truth; loaded once per process. */
export const PROTO_ROOT_DIR = path.resolve(__dirname, '../../../proto');
export const PROTO_FILES = [
  'assist/v1/identity.proto',
  'assist/v1/benefit.proto',
  'assist/v1/status.proto',
  'assist/v1/application.proto',
];

let root: protobuf.Root | undefined;

export function contractProtoRoot(): protobuf.Root {
  if (!root) {
    const r = new protobuf.Root();
    r.resolvePath = (_origin, target) => {
      // google/protobuf/*.proto ship inside protobufjs as "common" definitions.
      if (target.startsWith('google/protobuf/')) return target;
      return path.isAbsolute(target) ? target : path.join(PROTO_ROOT_DIR, target);
    };
    // alternateCommentMode: the files' // comments become descriptions (the AsyncAPI document's schemas).
    r.loadSync(PROTO_FILES, { keepCase: false, alternateCommentMode: true });
    r.resolveAll();
    root = r;
  }
  return root;
}

type StructValue = {
  nullValue?: unknown;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: { fields?: Record<string, StructValue> };
  listValue?: { values?: StructValue[] };
};

function structValueToJson(v: StructValue): unknown {
  if (v.structValue !== undefined) return structToJson(v.structValue);
  if (v.listValue !== undefined) return (v.listValue.values ?? []).map(structValueToJson);
  if (v.numberValue !== undefined) return v.numberValue;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  return null;
}

function structToJson(s: { fields?: Record<string, StructValue> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.fields ?? {})) out[k] = structValueToJson(v);
  return out;
}

function jsonToStructValue(v: unknown): StructValue {
  if (v === null || v === undefined) return { nullValue: 0 };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(jsonToStructValue) } };
  return { structValue: jsonToStruct(v as Record<string, unknown>) };
}

function jsonToStruct(o: Record<string, unknown>): { fields: Record<string, StructValue> } {
  const fields: Record<string, StructValue> = {};
  for (const [k, v] of Object.entries(o)) fields[k] = jsonToStructValue(v);
  return { fields };
}

/** Protobuf bytes to the same plain object the JSON form of the payload would parse to. */
export function decodeProtobufPayload(messageType: string, bytes: Uint8Array): Record<string, unknown> {
  const type = contractProtoRoot().lookupType(messageType);
  const message = type.decode(bytes);
  const plain = type.toObject(message, { longs: Number, enums: String, defaults: false, arrays: true });
  if (plain.attributes) plain.attributes = structToJson(plain.attributes as Parameters<typeof structToJson>[0]);
  return plain;
}

/** For producers (the generator, tests, department SDKs): JSON payload to protobuf bytes. */
export function encodeProtobufPayload(messageType: string, payload: Record<string, unknown>): Uint8Array {
  const type = contractProtoRoot().lookupType(messageType);
  const shaped: Record<string, unknown> = { ...payload };
  if (shaped.attributes && typeof shaped.attributes === 'object')
    shaped.attributes = jsonToStruct(shaped.attributes as Record<string, unknown>);
  if (shaped.validTo === null) delete shaped.validTo;
  const problem = type.verify(shaped);
  if (problem) throw new Error(`cannot encode ${messageType}: ${problem}`);
  return type.encode(type.fromObject(shaped)).finish();
}
