import { Injectable } from '@nestjs/common';
import { AdminSettings } from '../admin.settings';
import { RuleView } from '@hub/views';
import { callService } from '../upstream/service-call';
import { AlertListQuery } from './alerts.dto';

/** An alert as the detector stores it: `alert` is the raised CloudEvent's data (contract section 6). */
export interface StoredAlert {
  alertId: string;
  kind: string;
  ruleId: string;
  severity: string;
  personId: string | null;
  householdId: string | null;
  regionCode: string | null;
  status: string;
  alert: {
    subject?: { name?: string; idNumberMasked?: string };
    evidence?: { source: string; eventId: string; topic?: string; partition?: number; offset?: number; benefitId?: string; program?: string }[];
    explanation?: string;
    dueAt?: string | null;
  };
  detectedAt: string;
  resolution: string | null;
  resolvedAt: string | null;
  reason: string | null;
  history?: unknown[];
}

const searchOf = (query: Partial<AlertListQuery>) =>
  new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)] as [string, string]));

/** The detector's alert API over HTTP. */
@Injectable()
export class DetectorAlerts {
  constructor(private readonly settings: AdminSettings) {}

  list(query: AlertListQuery): Promise<StoredAlert[]> {
    return this.call('GET', `/alerts?${searchOf(query)}`);
  }

  count(query: AlertListQuery): Promise<{ total: number }> {
    const { limit: _limit, offset: _offset, ...filters } = query;
    return this.call('GET', `/alerts/count?${searchOf(filters)}`);
  }

  rules(): Promise<RuleView[]> {
    return this.call('GET', '/detector/rules');
  }

  one(alertId: string): Promise<StoredAlert> {
    return this.call('GET', `/alerts/${encodeURIComponent(alertId)}`);
  }

  dismiss(alertId: string, reason: string, by: string): Promise<{ alertId: string; resolution: string }> {
    return this.call('POST', `/alerts/${encodeURIComponent(alertId)}/dismiss`, { reason, by });
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return callService<T>('detector', { baseUrl: this.settings.DETECTOR_URL, token: this.settings.HUB_SERVICE_TOKEN }, method, path, body);
  }
}
