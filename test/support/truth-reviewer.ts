import { recordKeyOf } from '@hub/contract';
import { ReviewView } from '@hub/views';
import { GeneratedFeed } from '../generator/feed';
import { truePersonOfRecord } from './alert-truth';
import { asHubService } from './service-token';

export interface ReviewTally {
  same: number;
  different: number;
  /** Decisions the matcher refused (a pair settled meanwhile, say), with the first answer for a reason. */
  refused: number;
  firstRefusal?: string;
}

/**
 * Reviewers (审核人员) who know the generator's truth settle every open review pair through the matcher's review API, as
 * township workers settle them in the console: SAME when the proposed person holds a record of the record's real
 * person, DIFFERENT otherwise. What a benchmark's alerts come to once nobody's identity is left unsettled.
 */
export async function settleReviewsByTruth(
  matcherUrl: string,
  feed: GeneratedFeed,
  progress: (tally: ReviewTally) => void = () => undefined,
): Promise<ReviewTally> {
  const personOf = truePersonOfRecord(feed);
  const truthOf = (r: { source: string; sourcePersonId: string }) =>
    personOf.get(recordKeyOf(r.source, r.sourcePersonId));
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${matcherUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...asHubService() },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer: unknown = await response.json();
    return { status: response.status, body: answer };
  };
  const tally: ReviewTally = { same: 0, different: 0, refused: 0 };
  // Settled pairs leave the open queue; refused ones stay in it and are stepped over.
  for (;;) {
    const page = await call('GET', `/reviews?status=OPEN&limit=500&offset=${tally.refused}`);
    if (page.status !== 200)
      throw new Error(`listing open reviews answered ${page.status}: ${JSON.stringify(page.body)}`);
    const { reviews } = page.body as { reviews: ReviewView[] };
    if (reviews.length === 0) return tally;
    for (const review of reviews) {
      const real = truthOf(review.record);
      const same = real !== undefined && review.candidate.records.some((r) => truthOf(r) === real);
      const decided = await call('POST', `/reviews/${review.reviewId}/decision`, {
        outcome: same ? 'SAME' : 'DIFFERENT',
        reviewer: 'bench-reviewer',
        reason: same ? '核实为同一人（生成器真值）' : '核实非同一人（生成器真值）',
      });
      if (decided.status === 200) tally[same ? 'same' : 'different']++;
      else {
        tally.refused++;
        tally.firstRefusal ??= `${decided.status} ${JSON.stringify(decided.body)}`;
      }
    }
    progress(tally);
  }
}
