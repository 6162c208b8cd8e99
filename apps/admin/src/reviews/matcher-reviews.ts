import { Injectable } from '@nestjs/common';
import { AdminSettings } from '../admin.settings';
import { RecordView, ReviewView } from '@hub/views';
import { callService } from '../upstream/service-call';

/** The matcher's answers, as it defines them (libs/topics person-views). */
export type { RecordView as MatcherRecord, ReviewView as MatcherReview } from '@hub/views';

/** The matcher's review API over HTTP (the admin never reads the matcher's tables). */
@Injectable()
export class MatcherReviews {
  constructor(private readonly settings: AdminSettings) {}

  list(status: string, limit: number, offset: number): Promise<{ total: number; reviews: ReviewView[] }> {
    return this.call(
      'GET',
      `/reviews?${new URLSearchParams({ status, limit: String(limit), offset: String(offset) }).toString()}`,
    );
  }

  one(reviewId: string): Promise<ReviewView> {
    return this.call('GET', `/reviews/${encodeURIComponent(reviewId)}`);
  }

  decide(reviewId: string, decision: { outcome: string; reviewer: string; reason: string }): Promise<ReviewView> {
    return this.call('POST', `/reviews/${encodeURIComponent(reviewId)}/decision`, decision);
  }

  unlink(request: { source: string; sourcePersonId: string; reviewer: string; reason: string }): Promise<RecordView> {
    return this.call('POST', '/records/unlink', request);
  }

  linkToPerson(request: {
    source: string;
    sourcePersonId: string;
    personId: string;
    reviewer: string;
    reason: string;
  }): Promise<RecordView> {
    return this.call('POST', '/records/link', request);
  }

  splitPerson(request: {
    personId: string;
    records: { source: string; sourcePersonId: string }[];
    reviewer: string;
    reason: string;
  }): Promise<{ personId: string; records: RecordView[] }> {
    return this.call('POST', '/persons/split', request);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return callService<T>(
      'matcher',
      { baseUrl: this.settings.MATCHER_URL, token: this.settings.HUB_SERVICE_TOKEN },
      method,
      path,
      body,
    );
  }
}
