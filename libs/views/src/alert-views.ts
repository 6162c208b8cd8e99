import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DEPARTMENTS } from '@hub/contract';
import type { Finding } from '@hub/detection';
import { ALERT_KINDS, AlertKind } from '@hub/rules';

/**
 * The detector's alerts over HTTP (`/alerts`), as it answers and as the admin service asks and reads them:
 * one definition for both. The admin adds roles, audit and masking; the JSON passes through unchanged.
 */

/** Every status an alert can have (the detector's answers, the admin's filters); PROVISIONAL waits for a reviewer to settle who is who. */
export const ALERT_STATUSES = ['OPEN', 'PROVISIONAL', 'FULFILLED', 'RETRACTED', 'DISMISSED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** Statuses a finding can still be resolved from; the others are resolutions. */
export const UNRESOLVED_ALERT_STATUSES = ['OPEN', 'PROVISIONAL'] as const satisfies readonly AlertStatus[];
export type AlertResolution = Exclude<AlertStatus, (typeof UNRESOLVED_ALERT_STATUSES)[number]>;

/** The list's filters (GET /alerts, /alerts/count; the admin's /api/alerts): dates are detection days, both included. */
export class AlertQuery {
  @ApiPropertyOptional({ enum: ALERT_KINDS }) @IsOptional() @IsIn([...ALERT_KINDS]) kind?: AlertKind;
  @ApiPropertyOptional({ example: 'dup.same-program-overlap' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ruleId?: string;
  @ApiPropertyOptional({ example: '330502' })
  @IsOptional()
  @Matches(/^[0-9]{6}$/, { message: 'region: a 6-digit region code' })
  region?: string;
  @ApiPropertyOptional({ enum: DEPARTMENTS, description: 'alerts with evidence from this department' })
  @IsOptional()
  @IsIn([...DEPARTMENTS])
  department?: string;
  @ApiPropertyOptional({ enum: ALERT_STATUSES }) @IsOptional() @IsIn([...ALERT_STATUSES]) status?: AlertStatus;
  @ApiPropertyOptional({ example: '2026-03-01' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({
    maximum: 5000,
    description: 'at most this many (unless told: the admin asks 100, 5,000 for its CSV; the detector gives 200)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

/** The raised message's data (contract section 6) as the alert keeps it: the rule's finding and when event time found it. */
export type RaisedAlertData = Finding & { detectedAt: string };

/** An alert as the detector stores it (GET /alerts, GET /alerts/:id): the finding's ids, then its state. Times as JSON writes them (ISO 8601). */
export interface AlertView extends Pick<
  Finding,
  'alertId' | 'kind' | 'ruleId' | 'severity' | 'personId' | 'householdId'
> {
  regionCode: string | null;
  status: AlertStatus;
  alert: RaisedAlertData;
  detectedAt: string;
  resolution: AlertResolution | null;
  resolvedAt: string | null;
  reason: string | null;
}

/** One change of an alert (its outbox row in alert_history), column names as stored. */
export interface AlertHistoryView {
  change: string;
  topic: string;
  recorded_at: string;
  published_at: string | null;
  cloud_event: unknown;
}

/** GET /alerts/:id: the alert with every change it went through. */
export interface AlertWithHistoryView extends AlertView {
  history: AlertHistoryView[];
}

/** POST /alerts/:id/dismiss: the admin names the reviewer it has authenticated (`by`). */
export class DismissAlertRequest {
  @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @IsString() @IsNotEmpty() @MaxLength(200) by: string;
}

export interface AlertDismissed {
  alertId: string;
  resolution: 'DISMISSED';
}
