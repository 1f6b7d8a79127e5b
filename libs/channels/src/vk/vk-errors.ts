import { SendError } from '../channel-adapter';
import { VkApiError, VkUploadError } from './vk-api';

/*
 * VK errors that retrying cannot fix: 7 (no permission), 100 (a bad parameter), 900 (the user blacklisted the
 * community), 901 (the user has not allowed the community's messages), 902 (the user's privacy settings),
 * 914 (the message is too long), 917 and 945 (no access to, or a disabled, conversation).
 */
const PERMANENT = new Set([7, 100, 900, 901, 902, 914, 917, 945]);
/** 6: too many requests a second; 9: flood control. VK asks to wait; the adapter does and tries again. */
export const WAIT_AND_RETRY = new Set([6, 9]);

/** The reason agents see: VK's own words and its code. */
export function reasonOf(err: unknown): string {
  if (err instanceof VkApiError) return `${err.description} (VK error ${err.code})`;
  return (err as Error)?.message ?? String(err);
}

/** How the outbox treats a failed send: at once for a user who forbade messages or a file VK refuses, later for the rest. */
export function sendErrorOf(err: unknown, retryAfterMs?: number): SendError {
  const permanent = (err instanceof VkApiError && PERMANENT.has(err.code)) || err instanceof VkUploadError;
  return new SendError(reasonOf(err), permanent ? { permanent } : { retryAfterMs });
}
