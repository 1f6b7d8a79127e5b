import { AgentRole } from './agent.entity';

/** Who is calling: resolved from the bearer token by the API guard. */
export interface Principal {
  agentId: number;
  name: string;
  role: AgentRole;
  /** What the caller signed in with: realtime sockets are closed by it when it is revoked. */
  credential?: Credential;
}

/** An API token (tokenId null: INBOX_ADMIN_TOKEN) or a browser session (keyed by the hash of its cookie). */
export type Credential = { kind: 'token'; tokenId: number | null } | { kind: 'session'; sessionKey: string };
