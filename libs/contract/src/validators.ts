import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDate } from '@hub/identity';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 date-time; the contract requires an explicit offset (Z or ±hh:mm).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function isContractDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return !!m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isRfc3339(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME.exec(value);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61;
}

/** Constraint names double as error codes: intake maps them to INVALID_DATE etc. */
export const DATE_CONSTRAINT = 'isContractDate';
export const DATE_TIME_CONSTRAINT = 'isRfc3339';

function predicateDecorator(name: string, message: string, predicate: (value: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate: predicate },
      });
}

export const IsContractDate = predicateDecorator(
  DATE_CONSTRAINT,
  '$property must be a real date YYYY-MM-DD',
  isContractDate,
);
export const IsRfc3339 = predicateDecorator(
  DATE_TIME_CONSTRAINT,
  '$property must be an RFC 3339 date-time with offset',
  isRfc3339,
);

/** A period whose end is before its start is a date error, not a generic one. */
export function IsNotBefore(startProperty: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: DATE_CONSTRAINT,
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [startProperty],
      options: { message: `$property must not be before ${startProperty}`, ...options },
      validator: {
        validate(value, args) {
          const start = (args!.object as Record<string, unknown>)[startProperty];
          return !isContractDate(value) || !isContractDate(start) || (value as string) >= (start as string);
        },
      },
    });
}
