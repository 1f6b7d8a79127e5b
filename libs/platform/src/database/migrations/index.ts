import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ChannelCursors1764000000001 } from './1764000000001-channel-cursors';
import { SlaEventsAndPolicyChanges1764000000002 } from './1764000000002-sla-events-and-policy-changes';
import { ConversationIdentityIndex1764000000003 } from './1764000000003-conversation-identity-index';
import { InboundQuarantine1764000000100 } from './1764000000100-inbound-quarantine';
import { OutboxClaims1764000000300 } from './1764000000300-outbox-claims';
import { DropApiTokenLastUsed1764000000600 } from './1764000000600-drop-api-token-last-used';
import { KnowledgeBase1764000000700 } from './1764000000700-knowledge-base';
import { ReportingEvents1764000000800 } from './1764000000800-reporting-events';
import { WebchatVisitors1764000001300 } from './1764000001300-webchat-visitors';

/** Every migration, oldest first. */
export const migrations = [
  InitialSchema1764000000000,
  ChannelCursors1764000000001,
  SlaEventsAndPolicyChanges1764000000002,
  ConversationIdentityIndex1764000000003,
  InboundQuarantine1764000000100,
  OutboxClaims1764000000300,
  DropApiTokenLastUsed1764000000600,
  KnowledgeBase1764000000700,
  ReportingEvents1764000000800,
  WebchatVisitors1764000001300,
];
