export * from './channel.entity';
export * from './contact.entity';
export * from './contact-identity.entity';
export * from './conversation.entity';
export * from './message.entity';
export * from './outbox-entry.entity';
export * from './channel-cursor.entity';
export * from './quarantined-inbound.entity';
