import { Injectable } from '@nestjs/common';

/** Which agents have the inbox open right now (a live realtime connection), for load estimates. */
@Injectable()
export class AgentPresence {
  private readonly connections = new Map<number, number>();

  connected(agentId: number): void {
    this.connections.set(agentId, (this.connections.get(agentId) ?? 0) + 1);
  }

  disconnected(agentId: number): void {
    const left = (this.connections.get(agentId) ?? 1) - 1;
    if (left > 0) this.connections.set(agentId, left);
    else this.connections.delete(agentId);
  }

  onlineCount(): number {
    return this.connections.size;
  }

  isOnline(agentId: number): boolean {
    return this.connections.has(agentId);
  }
}
