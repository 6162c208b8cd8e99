import { Injectable } from '@nestjs/common';

/**
 * The time sessions, lock-outs and audit rows are stamped with. One injectable source so that tests
 * can move it forward instead of waiting an hour for a session to expire.
 */
@Injectable()
export class AdminClock {
  now(): Date {
    return new Date();
  }
}
