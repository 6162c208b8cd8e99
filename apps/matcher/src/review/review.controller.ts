import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import { ReviewDecisions } from './review-decisions';
import { ReviewQueue } from './review-queue';
import {
  LinkToPersonRequest,
  RecordView,
  ReviewDecisionRequest,
  ReviewQuery,
  ReviewView,
  SplitPersonRequest,
  UnlinkRequest,
} from './review.dto';

import { DepartmentReviewsView, MonthQuery } from '@hub/views';

const REVIEW_ID = /^[0-9]{1,18}$/;

/**
 * The review queue over HTTP, for the admin service (which checks roles, audits and masks): the
 * matcher is not exposed to people directly.
 */
@Controller()
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
export class ReviewController {
  constructor(
    private readonly queue: ReviewQueue,
    private readonly decisions: ReviewDecisions,
  ) {}

  /** Records sent to review in a month, per department (the admin's statistics). */
  @Get('review-statistics')
  sentToReview(@Query() query: MonthQuery): Promise<DepartmentReviewsView[]> {
    return this.queue.sentToReviewByDepartment(query.month);
  }

  @Get('reviews')
  list(@Query() query: ReviewQuery): Promise<{ total: number; reviews: ReviewView[] }> {
    return this.queue.list(query.status ?? 'OPEN', query.limit ?? 50, query.offset ?? 0);
  }

  @Get('reviews/:reviewId')
  async one(@Param('reviewId') reviewId: string): Promise<ReviewView> {
    if (!REVIEW_ID.test(reviewId)) throw new BadRequestException('reviewId: digits only');
    const review = await this.queue.one(undefined, reviewId);
    if (!review) throw new NotFoundException(`no review ${reviewId}`);
    return review;
  }

  @Post('reviews/:reviewId/decision')
  @HttpCode(200)
  decide(@Param('reviewId') reviewId: string, @Body() request: ReviewDecisionRequest): Promise<ReviewView> {
    if (!REVIEW_ID.test(reviewId)) throw new BadRequestException('reviewId: digits only');
    return this.decisions.decide(reviewId, request);
  }

  @Post('records/unlink')
  @HttpCode(200)
  unlink(@Body() request: UnlinkRequest): Promise<RecordView> {
    return this.decisions.unlink(request);
  }

  @Post('records/link')
  @HttpCode(200)
  linkToPerson(@Body() request: LinkToPersonRequest): Promise<RecordView> {
    return this.decisions.linkToPerson(request);
  }

  @Post('persons/split')
  @HttpCode(200)
  splitPerson(@Body() request: SplitPersonRequest): Promise<{ personId: string; records: RecordView[] }> {
    return this.decisions.splitPerson(request);
  }
}
