import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who this process is, for claims and leases it holds in shared storage. The random part tells apart two
 * runs with the same pid (a restart in a container) and two apps in one process (tests), so a claim of a
 * dead run is never taken for a live one.
 */
@Injectable()
export class ProcessIdentity {
  readonly host = hostname();
  readonly pid = process.pid;
  readonly id = `${this.host}:${this.pid}:${randomBytes(4).toString('hex')}`;
}
