import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuditLog } from '../audit/audit-log';
import { Roles } from '../auth/access.decorators';
import { Actor, CurrentActor } from '../auth/actor';
import { maskPersonalFields } from '../masking/personal-fields';
import { MatcherReview, MatcherReviews } from './matcher-reviews';
import {
  LinkRecordBody,
  REVIEW_ID_PATTERN,
  ReviewDecisionBody,
  ReviewListQuery,
  ReviewUnmaskBody,
  SplitPersonBody,
  UnlinkBody,
} from './reviews.dto';

const checkedId = (reviewId: string) => {
  if (!REVIEW_ID_PATTERN.test(reviewId)) throw new BadRequestException('reviewId: a review id (digits)');
  return reviewId;
};

/**
 * The match review queue (POSSIBLE_MATCH pairs) for reviewers: both records side by side with per-field
 * evidence, masked unless the reviewer unmasks them with a reason; decisions and unlinks are audited
 * here and stored and published by the matcher, which owns who is who.
 */
@ApiTags('match review')
@Controller('api')
@Roles('reviewer')
@ApiBadGatewayResponse({ description: 'the matcher did not answer' })
export class ReviewsController {
  constructor(
    private readonly matcher: MatcherReviews,
    private readonly audit: AuditLog,
  ) {}

  @Get('reviews')
  @ApiOperation({ summary: 'Review pairs, oldest first (OPEN by default), personal fields masked' })
  @ApiOkResponse({
    description: '{ total, reviews: [{ reviewId, status, score, reasons, record, candidate: { personId, records } }] }',
  })
  async list(@Query() query: ReviewListQuery): Promise<{ total: number; reviews: MatcherReview[] }> {
    const page = await this.matcher.list(query.status ?? 'OPEN', query.limit ?? 50, query.offset ?? 0);
    return maskPersonalFields(page);
  }

  @Get('reviews/:reviewId')
  @ApiOperation({ summary: 'One review pair, personal fields masked' })
  @ApiNotFoundResponse()
  async one(@Param('reviewId') reviewId: string): Promise<MatcherReview> {
    return maskPersonalFields(await this.matcher.one(checkedId(reviewId)));
  }

  @Post('reviews/:reviewId/unmask')
  @HttpCode(200)
  @ApiOperation({
    summary: "A reviewer's explicit look at both records unmasked, with a reason (audited before anything is read)",
  })
  @ApiNotFoundResponse()
  async unmask(
    @Param('reviewId') reviewId: string,
    @Body() body: ReviewUnmaskBody,
    @CurrentActor() actor: Actor,
  ): Promise<MatcherReview & { auditSeq: string }> {
    const auditSeq = await this.audit.record({
      ...actor,
      action: 'review.unmasked',
      target: checkedId(reviewId),
      detail: { reason: body.reason },
    });
    return { ...(await this.matcher.one(reviewId)), auditSeq };
  }

  @Post('reviews/:reviewId/decision')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Settle a pair: SAME (the two persons merge) or DIFFERENT (the record stays apart); audited, published by the matcher',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the pair was settled already' })
  async decide(
    @Param('reviewId') reviewId: string,
    @Body() body: ReviewDecisionBody,
    @CurrentActor() actor: Actor,
  ): Promise<MatcherReview> {
    // Audited once taken (a pair settled already, or a matcher that did not answer, changed nothing).
    const review = await this.matcher.decide(checkedId(reviewId), {
      outcome: body.outcome,
      reviewer: actor.username,
      reason: body.reason,
    });
    await this.audit.record({
      ...actor,
      action: 'review.decided',
      target: reviewId,
      detail: { outcome: body.outcome, reason: body.reason, personId: review.record.personId },
    });
    return maskPersonalFields(review);
  }

  @Post('records/unlink')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Take a department record away from the person it is linked to (a person of its own); audited, published by the matcher',
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the record is its person’s only record' })
  async unlink(@Body() body: UnlinkBody, @CurrentActor() actor: Actor): Promise<unknown> {
    const record = await this.matcher.unlink({ ...body, reviewer: actor.username });
    await this.audit.record({
      ...actor,
      action: 'record.unlinked',
      target: `${body.source} ${body.sourcePersonId}`,
      detail: { reason: body.reason, personId: record.personId },
    });
    return maskPersonalFields(record);
  }

  @Post('records/link')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Link a department record to a person the reviewer names (a wrong merge split back: unlink one record, link the others to it); audited, published by the matcher',
  })
  @ApiNotFoundResponse({ description: 'no such record or person' })
  @ApiConflictResponse({ description: 'the record is linked to that person already' })
  async linkToPerson(@Body() body: LinkRecordBody, @CurrentActor() actor: Actor): Promise<unknown> {
    const record = await this.matcher.linkToPerson({ ...body, reviewer: actor.username });
    await this.audit.record({
      ...actor,
      action: 'record.linked',
      target: `${body.source} ${body.sourcePersonId}`,
      detail: { reason: body.reason, personId: record.personId },
    });
    return maskPersonalFields(record);
  }

  @Post('records/split')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Split a wrongly merged person back (unmerge): the records named leave it together, for a person of their own; audited, each published by the matcher as MANUAL',
  })
  @ApiNotFoundResponse({ description: 'no such person' })
  @ApiConflictResponse({ description: 'a record named is not the person’s, or none of its records would stay' })
  async splitPerson(@Body() body: SplitPersonBody, @CurrentActor() actor: Actor): Promise<unknown> {
    const split = await this.matcher.splitPerson({ ...body, reviewer: actor.username });
    await this.audit.record({
      ...actor,
      action: 'person.split',
      target: body.personId,
      detail: { reason: body.reason, records: body.records.length, newPersonId: split.personId },
    });
    return maskPersonalFields(split);
  }
}
