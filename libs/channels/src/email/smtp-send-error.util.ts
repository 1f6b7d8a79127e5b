import { SendError } from '../channel-adapter';

interface SmtpFailure {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

/**
 * A failed SMTP send as the outbox understands it: a 5xx reply (the server refused this message for good, 503
 * aside) ends the retries; 4xx replies, timeouts and connection failures are retried with backoff.
 */
export function toSendError(err: unknown): SendError {
  const failure = (err ?? {}) as SmtpFailure;
  const code = failure.responseCode;
  const permanent = failure.permanent ?? (code !== undefined && code >= 500 && code < 600 && code !== 503);
  const reason = failure.response?.trim() || failure.message || String(err);
  return new SendError(`SMTP: ${reason}`, { permanent });
}
