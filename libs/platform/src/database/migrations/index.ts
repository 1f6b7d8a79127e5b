import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ChannelCursors1764000000001 } from './1764000000001-channel-cursors';
import { SlaEventsAndPolicyChanges1764000000002 } from './1764000000002-sla-events-and-policy-changes';
import { ConversationIdentityIndex1764000000003 } from './1764000000003-conversation-identity-index';
import { InboundQuarantine1764000000100 } from './1764000000100-inbound-quarantine';
import { OutboxClaims1764000000300 } from './1764000000300-outbox-claims';
import { DropApiTokenLastUsed1764000000600 } from './1764000000600-drop-api-token-last-used';
import { KnowledgeBase1764000000700 } from './1764000000700-knowledge-base';
import { ReportingEvents1764000000800 } from './1764000000800-reporting-events';
import { Routing1764000000900 } from './1764000000900-routing';
import { AgentSignIn1764000001000 } from './1764000001000-agent-sign-in';
import { CannedRepliesAndLabels1764000001100 } from './1764000001100-canned-replies-and-labels';
import { SnoozeRemindersMentions1764000001200 } from './1764000001200-snooze-reminders-mentions';
import { WebchatVisitors1764000001300 } from './1764000001300-webchat-visitors';
import { ChoicesAndCsat1764000001400 } from './1764000001400-choices-and-csat';
import { Bot1764000001500 } from './1764000001500-bot';
import { LeadTools1764000001600 } from './1764000001600-lead-tools';
import { HeldByBot1764000001900 } from './1764000001900-held-by-bot';
import { ConversationOffer1764000002000 } from './1764000002000-conversation-offer';

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
  Routing1764000000900,
  AgentSignIn1764000001000,
  CannedRepliesAndLabels1764000001100,
  SnoozeRemindersMentions1764000001200,
  WebchatVisitors1764000001300,
  ChoicesAndCsat1764000001400,
  Bot1764000001500,
  LeadTools1764000001600,
  HeldByBot1764000001900,
  ConversationOffer1764000002000,
];
