import { Injectable } from '@nestjs/common';
import { AdminSettings } from '../admin.settings';
import { callService } from '../upstream/service-call';

/** A department record as the matcher shows it to reviewers (apps/matcher/src/review/review.dto.ts). */
export interface MatcherRecord {
  source: string;
  sourcePersonId: string;
  personId: string;
  name: string;
  idNumber: string | null;
  birthDate: string | null;
  gender: string | null;
  phone: string | null;
  region: string | null;
  decision: string;
  manual: boolean;
}

export interface MatcherReview {
  reviewId: string;
  status: 'OPEN' | 'LINKED' | 'DIFFERENT';
  score: number;
  reasons: { field: string; level: string; weight: number }[];
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  record: MatcherRecord;
  candidate: { personId: string; records: MatcherRecord[] };
}

/** The matcher's review API over HTTP (the admin never reads the matcher's tables). */
@Injectable()
export class MatcherReviews {
  constructor(private readonly settings: AdminSettings) {}

  list(status: string, limit: number, offset: number): Promise<{ total: number; reviews: MatcherReview[] }> {
    return this.call('GET', `/reviews?${new URLSearchParams({ status, limit: String(limit), offset: String(offset) })}`);
  }

  one(reviewId: string): Promise<MatcherReview> {
    return this.call('GET', `/reviews/${encodeURIComponent(reviewId)}`);
  }

  decide(reviewId: string, decision: { outcome: string; reviewer: string; reason: string }): Promise<MatcherReview> {
    return this.call('POST', `/reviews/${encodeURIComponent(reviewId)}/decision`, decision);
  }

  unlink(request: { source: string; sourcePersonId: string; reviewer: string; reason: string }): Promise<MatcherRecord> {
    return this.call('POST', '/records/unlink', request);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return callService<T>('matcher', this.settings.MATCHER_URL, method, path, body);
  }
}
