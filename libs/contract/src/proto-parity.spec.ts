import { ValidationTypes, getMetadataStorage } from 'class-validator';
import * as protobuf from 'protobufjs';
import { PAYLOAD_TYPES } from './payloads';
import { contractProtoRoot } from './protobuf';
import type { defaultMetadataStorage as DefaultMetadataStorage } from 'class-transformer/types/storage';
import type { DtoClass } from './compiled-validator';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: typeof DefaultMetadataStorage;
};

/**
 * proto/ is the contract's source of truth; the class-validator DTOs are written by hand. This proves
 * them in step: the same fields, the same required/optional split, nested messages matching nested DTOs.
 */
interface FieldShape {
  optional: boolean;
  nested?: string;
}

function dtoShape(dto: DtoClass): Record<string, FieldShape & { nestedDto?: DtoClass }> {
  const storage = getMetadataStorage();
  const grouped = storage.groupByPropertyName(storage.getTargetValidationMetadatas(dto, '', true, false));
  return Object.fromEntries(
    Object.entries(grouped).map(([name, metadatas]) => {
      const optional = metadatas.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
      const nestedDto = metadatas.some((m) => m.type === ValidationTypes.NESTED_VALIDATION)
        ? (defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction() as DtoClass | undefined)
        : undefined;
      return [name, { optional, nestedDto }];
    }),
  );
}

function protoShape(type: protobuf.Type): Record<string, FieldShape & { nestedType?: protobuf.Type }> {
  return Object.fromEntries(
    type.fieldsArray.map((f) => {
      f.resolve();
      const optional = !!f.options?.proto3_optional || !!f.partOf;
      const nestedType =
        f.resolvedType instanceof protobuf.Type && f.resolvedType.fullName !== '.google.protobuf.Struct'
          ? f.resolvedType
          : undefined;
      return [f.name, { optional, nestedType }];
    }),
  );
}

function compare(type: protobuf.Type, dto: DtoClass, path: string, seen: string[]): void {
  const fromProto = protoShape(type);
  const fromDto = dtoShape(dto);
  expect({ path, fields: Object.keys(fromDto).sort() }).toEqual({ path, fields: Object.keys(fromProto).sort() });
  for (const [name, p] of Object.entries(fromProto)) {
    const d = fromDto[name];
    expect({ field: `${path}.${name}`, optional: d.optional }).toEqual({
      field: `${path}.${name}`,
      optional: p.optional,
    });
    expect({ field: `${path}.${name}`, nested: !!d.nestedDto }).toEqual({
      field: `${path}.${name}`,
      nested: !!p.nestedType,
    });
    if (p.nestedType && d.nestedDto) {
      seen.push(`${p.nestedType.name}=${d.nestedDto.name}`);
      compare(p.nestedType, d.nestedDto, `${path}.${name}`, seen);
    }
  }
}

describe('proto/ and the payload DTOs', () => {
  it.each(Object.entries(PAYLOAD_TYPES))('%s: same fields and presence', (_type, spec) => {
    const seen: string[] = [];
    compare(contractProtoRoot().lookupType(spec.proto), spec.dto, spec.proto, seen);
  });

  it('nested messages map onto the DTOs of the identity block, household, period, cause, notice period and referral', () => {
    const seen: string[] = [];
    for (const spec of Object.values(PAYLOAD_TYPES))
      compare(contractProtoRoot().lookupType(spec.proto), spec.dto, spec.proto, seen);
    expect(new Set(seen)).toEqual(
      new Set([
        'IdentityBlock=IdentityBlockDto',
        'HouseholdRef=HouseholdRefDto',
        'Period=PeriodDto',
        'Cause=CauseDto',
        'NoticePeriod=NoticePeriodDto',
        'ReferralRef=ReferralRefDto',
      ]),
    );
  });
});
