import { Injectable } from '@nestjs/common';
import { RecoveryCaseUpdatedData } from '@hub/topics';
import { RecoveryCaseDetailView, RecoveryCaseView, RecoverySummaryView } from '@hub/views';
import { AdminSettings } from '../admin.settings';
import { callService, searchOf } from '../upstream/service-call';
import { RecoveryListQuery } from './recovery.dto';

/** The detector's recovery case API over HTTP. */
@Injectable()
export class DetectorRecovery {
  constructor(private readonly settings: AdminSettings) {}

  list(query: RecoveryListQuery): Promise<RecoveryCaseView[]> {
    return this.call('GET', `/recovery/cases?${searchOf(query).toString()}`);
  }

  count(query: RecoveryListQuery): Promise<{ total: number }> {
    const { limit: _limit, offset: _offset, ...filters } = query;
    return this.call('GET', `/recovery/cases/count?${searchOf(filters).toString()}`);
  }

  summary(): Promise<RecoverySummaryView[]> {
    return this.call('GET', '/recovery/summary');
  }

  one(caseId: string): Promise<RecoveryCaseDetailView> {
    return this.call('GET', `/recovery/cases/${encodeURIComponent(caseId)}`);
  }

  waive(caseId: string, reason: string, by: string): Promise<RecoveryCaseUpdatedData> {
    return this.call('POST', `/recovery/cases/${encodeURIComponent(caseId)}/waive`, { reason, by });
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
