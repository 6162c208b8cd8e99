import { BadRequestException } from '@nestjs/common';

/** A hub person id as routes take it (P-… from the matcher; letters, digits and . _ : - in general). */
export const PERSON_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The person id of a route, or 400 saying what it may hold. */
export function checkedPersonId(personId: string): string {
  if (!PERSON_ID_PATTERN.test(personId)) throw new BadRequestException('personId: letters, digits, . _ : - only');
  return personId;
}
