import { Injectable } from '@nestjs/common';

/** The time source; tests swap it for a fake one to move deadlines without waiting. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
