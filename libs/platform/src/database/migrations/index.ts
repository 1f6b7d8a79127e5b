import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ChannelCursors1764000000001 } from './1764000000001-channel-cursors';
import { SlaEventsAndPolicyChanges1764000000002 } from './1764000000002-sla-events-and-policy-changes';
import { ConversationIdentityIndex1764000000003 } from './1764000000003-conversation-identity-index';
import { DropApiTokenLastUsed1764000000600 } from './1764000000600-drop-api-token-last-used';

/** Every migration, oldest first. */
export const migrations = [
  InitialSchema1764000000000,
  ChannelCursors1764000000001,
  SlaEventsAndPolicyChanges1764000000002,
  ConversationIdentityIndex1764000000003,
  DropApiTokenLastUsed1764000000600,
];
