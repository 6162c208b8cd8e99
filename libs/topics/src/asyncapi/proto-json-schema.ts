import * as protobuf from 'protobufjs';

/** A JSON Schema (draft-07, as AsyncAPI 3 payloads take it) of plain objects. */
export type JsonSchema = { [keyword: string]: unknown };

const SCALARS: Record<string, JsonSchema> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  double: { type: 'number' },
  float: { type: 'number' },
  int32: { type: 'integer' },
  uint32: { type: 'integer' },
  sint32: { type: 'integer' },
  fixed32: { type: 'integer' },
  sfixed32: { type: 'integer' },
  // 64-bit integers: the JSON form carries them as numbers (amounts in fen stay far below 2^53).
  int64: { type: 'integer' },
  uint64: { type: 'integer' },
  sint64: { type: 'integer' },
  fixed64: { type: 'integer' },
  sfixed64: { type: 'integer' },
  bytes: { type: 'string', contentEncoding: 'base64' },
};

/**
 * The JSON form of a proto/ message as JSON Schema: the schema of a payload in JSON mode, generated from the
 * contract's source of truth rather than written twice. Field names as the JSON form has them (camelCase);
 * a field without `optional` is required; google.protobuf.Struct is any object; trailing comments become
 * descriptions. Definitions of nested messages are inlined (the contract's messages do not recurse).
 */
export function jsonSchemaOfMessage(type: protobuf.Type): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of type.fieldsArray) {
    let schema = field.resolvedType ? schemaOfResolved(field.resolvedType) : SCALARS[field.type];
    if (!schema) throw new Error(`${type.fullName}.${field.name}: no JSON Schema for proto type ${field.type}`);
    if (field.repeated) schema = { type: 'array', items: schema };
    // proto3: `optional` marks explicit presence (a synthetic oneof); the rest is always there in the contract.
    const optional = !!field.options?.proto3_optional || !!field.partOf;
    // The JSON form may say an absent optional field is null (proto3 JSON mapping; the contract's examples do).
    if (optional) schema = nullable(schema);
    if (field.comment) schema = { ...schema, description: field.comment };
    properties[field.name] = schema;
    if (!optional && !field.repeated) required.push(field.name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    ...(type.comment ? { description: type.comment } : {}),
  };
}

function schemaOfResolved(resolved: protobuf.Type | protobuf.Enum): JsonSchema {
  if (resolved instanceof protobuf.Enum) return { type: 'string', enum: Object.keys(resolved.values) };
  if (resolved.fullName === '.google.protobuf.Struct') return { type: 'object' };
  return jsonSchemaOfMessage(resolved);
}

function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type !== 'string') return schema;
  return {
    ...schema,
    type: [schema.type, 'null'],
    ...(Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {}),
  };
}
