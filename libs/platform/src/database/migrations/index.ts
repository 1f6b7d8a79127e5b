import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ChannelCursors1764000000001 } from './1764000000001-channel-cursors';

/** Every migration, oldest first. */
export const migrations = [InitialSchema1764000000000, ChannelCursors1764000000001];
