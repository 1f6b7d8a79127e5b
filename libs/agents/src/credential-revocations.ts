import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** What was revoked: every credential of an agent (deactivation), one API token, or one browser session. */
export type RevokedCredential = { agentId: number } | { tokenId: number } | { sessionKey: string };

/**
 * Tells this process's realtime gateway that a credential was revoked, so it closes the sockets opened with it.
 * Local only: the gateway closes them through Socket.IO's adapter, which in a cluster (the Redis adapter)
 * reaches the sockets on every process.
 */
@Injectable()
export class CredentialRevocations {
  private readonly emitter = new EventEmitter();

  revoked(credential: RevokedCredential): void {
    this.emitter.emit('revoked', credential);
  }

  onRevoked(listener: (credential: RevokedCredential) => void): () => void {
    this.emitter.on('revoked', listener);
    return () => this.emitter.off('revoked', listener);
  }
}
