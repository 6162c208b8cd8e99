import { Injectable } from '@nestjs/common';
import { AdminSettings } from '../admin.settings';
import { AlertDismissed, AlertQuery, AlertView, AlertWithHistoryView, DismissAlertRequest, RuleView } from '@hub/views';
import { callService, searchOf } from '../upstream/service-call';

/** The detector's alert API over HTTP. */
@Injectable()
export class DetectorAlerts {
  constructor(private readonly settings: AdminSettings) {}

  list(query: AlertQuery): Promise<AlertView[]> {
    return this.call('GET', `/alerts?${searchOf(query).toString()}`);
  }

  count(query: AlertQuery): Promise<{ total: number }> {
    const { limit: _limit, offset: _offset, ...filters } = query;
    return this.call('GET', `/alerts/count?${searchOf(filters).toString()}`);
  }

  rules(): Promise<RuleView[]> {
    return this.call('GET', '/detector/rules');
  }

  one(alertId: string): Promise<AlertWithHistoryView> {
    return this.call('GET', `/alerts/${encodeURIComponent(alertId)}`);
  }

  dismiss(alertId: string, request: DismissAlertRequest): Promise<AlertDismissed> {
    return this.call('POST', `/alerts/${encodeURIComponent(alertId)}/dismiss`, request);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return callService<T>(
      'detector',
      { baseUrl: this.settings.DETECTOR_URL, token: this.settings.HUB_SERVICE_TOKEN },
      method,
      path,
      body,
    );
  }
}
