import { BadRequestException, Body, Controller, Post } from '@nestjs/common';
import { PrepaymentCheckRequest, PrepaymentCheckService } from './prepayment-check.service';

/** The pre-payment check over HTTP; the same over Kafka request-reply is PrepaymentCheckHandler. */
@Controller('prepayment')
export class PrepaymentCheckController {
  constructor(private readonly checks: PrepaymentCheckService) {}

  @Post('checks')
  check(@Body() request: PrepaymentCheckRequest) {
    if (!request.sourcePersonId && !request.idNumber)
      throw new BadRequestException('name the person: sourcePersonId or idNumber');
    return this.checks.check(request);
  }
}
