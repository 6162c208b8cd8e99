import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, ValidateNested } from 'class-validator';

/** A department's record of a person: the department system (`source`) and its own id of the person. */
export class DepartmentRecordRef {
  @IsString() @Length(1, 512) source!: string;
  @IsString() @Length(1, 256) sourcePersonId!: string;
}

/**
 * What the admin service asks intake and the detector to delete when a person's data is purged (issue 12):
 * the person's hub ids (the survivor and those merged into it) and every department record of it, as the
 * matcher knows them. The matcher deletes its own last, so a purge cut short can be asked again.
 */
export class PersonPurgeRequest {
  @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @Length(1, 128, { each: true }) personIds!: string[];
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => DepartmentRecordRef)
  records!: DepartmentRecordRef[];
}

/** Intake's answer: events deleted from the event store. */
export interface EventsPurged {
  events: number;
}

/** The detector's answer: facts (grants, statuses, applications, review holds) and accounts deleted. */
export interface AccountsPurged {
  facts: number;
  accounts: number;
}

/** The matcher's answer: records and persons deleted. */
export interface PersonPurged {
  records: number;
  persons: number;
}
