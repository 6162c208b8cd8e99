import { Controller } from '@nestjs/common';
import { MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { PREPAYMENT_CHECK_TOPIC } from '@hub/topics';
import { PrepaymentCheckRequest, PrepaymentCheckService } from './prepayment-check.service';

/**
 * The pre-payment check over Kafka request-reply (Nest's Kafka transport: a department's ClientKafka
 * sends to hub.prepayment.check and reads the answer from hub.prepayment.check.reply). One request at
 * a time is what this transport does, and a check is one small read: enough here.
 */
@Controller()
export class PrepaymentCheckHandler {
  constructor(private readonly checks: PrepaymentCheckService) {}

  @MessagePattern(PREPAYMENT_CHECK_TOPIC)
  check(@Payload() request: PrepaymentCheckRequest) {
    if (!request.sourcePersonId && !request.idNumber)
      throw new RpcException('name the person: sourcePersonId or idNumber');
    return this.checks.check(request);
  }
}
