import { SendError } from '../channel-adapter';

/** What went wrong in a Bot API call, from telegraf's TelegramError or a network error. */
export interface TelegramFailure {
  /** Telegram's error_code (also the HTTP status); absent for network errors. */
  code?: number;
  description: string;
  retryAfterSeconds?: number;
}

/** Reads telegraf's TelegramError (response.error_code, description, parameters.retry_after) or any other error. */
export function telegramFailureOf(err: unknown): TelegramFailure {
  const response = (err as { response?: { error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } } })?.response;
  if (response && typeof response.error_code === 'number') {
    const retryAfter = response.parameters?.retry_after;
    return {
      code: response.error_code,
      description: typeof response.description === 'string' ? response.description : `error ${response.error_code}`,
      retryAfterSeconds: typeof retryAfter === 'number' ? retryAfter : undefined,
    };
  }
  return { description: redactToken((err as Error)?.message ?? String(err)) };
}

/**
 * How the outbox should treat a failed send: 400 (chat not found, bad request) and 403 (the user blocked the
 * bot) will not get better by retrying, so the message fails at once with Telegram's reason; 429 carries
 * Telegram's wish; the rest (network, 5xx, a revoked token) is retried with backoff.
 */
export function sendErrorOf(failure: TelegramFailure): SendError {
  if (failure.code === 400 || failure.code === 403) return new SendError(failure.description, { permanent: true });
  if (failure.code === 429) return new SendError(failure.description, { retryAfterMs: (failure.retryAfterSeconds ?? 1) * 1000 });
  return new SendError(failure.code ? `${failure.code}: ${failure.description}` : failure.description);
}

/** The health reason of a failed call: Telegram's own words, with the code. */
export function reasonOf(failure: TelegramFailure): string {
  return failure.code ? `Telegram answered ${failure.code}: ${failure.description}` : failure.description;
}

/** Bot tokens appear in Bot API URLs; keep them out of logs and of the API. */
export function redactToken(text: string): string {
  return text.replace(/(bot|user)\d+:[A-Za-z0-9_-]+/g, '$1<token>');
}
