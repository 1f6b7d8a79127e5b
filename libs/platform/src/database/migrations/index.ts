import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, oldest first. */
export const migrations = [InitialSchema1764000000000];
