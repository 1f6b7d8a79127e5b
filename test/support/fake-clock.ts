import { Clock } from '@app/platform/clock/clock';

/** A clock a test sets, to place messages at chosen moments (a Friday 17:59, a holiday). */
export class FakeClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = at;
  }
}
