export * from './canned-reply.entity';
export * from './canned-replies.service';
export * from './canned-reply-renderer';
export * from './canned-search.util';
