import { SendError } from '../channel-adapter';
import { GraphApiError, sendErrorOf } from './graph-api';

describe('sendErrorOf', () => {
  const refusal = () => 'window closed: a template message is needed';

  it('ends at once on a refusal that asking again will not change', () => {
    const error = sendErrorOf(new GraphApiError('Graph API 400: Message undeliverable (131026)', 400, 131026), refusal);
    expect(error).toBeInstanceOf(SendError);
    expect(error.message).toBe('Graph API 400: Message undeliverable (131026)');
    expect(error.options).toEqual({ permanent: true });
  });

  it('explains the 24-hour window refusal (131047) with the template wording', () => {
    const error = sendErrorOf(new GraphApiError('Graph API 400: Re-engagement message (131047)', 400, 131047), refusal);
    expect(error.message).toBe(refusal());
    expect(error.options).toEqual({ permanent: true });
  });

  it('retries rate limits later, and server or network errors with the usual backoff', () => {
    expect(sendErrorOf(new GraphApiError('Graph API 429', 429, 130429), refusal).options).toEqual({ retryAfterMs: 60_000 });
    expect(sendErrorOf(new GraphApiError('Graph API 400: spam rate limit', 400, 131048), refusal).options).toEqual({ retryAfterMs: 60_000 });
    expect(sendErrorOf(new GraphApiError('Graph API 503', 503, null), refusal).options).toEqual({});
    expect(sendErrorOf(new GraphApiError('the Graph API could not be reached: ECONNREFUSED', 0, null), refusal).options).toEqual({});
    expect(sendErrorOf(new Error('boom'), refusal)).toMatchObject({ message: 'boom', options: {} });
  });
});

describe('GraphApiError', () => {
  it('tells permission errors apart', () => {
    expect(new GraphApiError('(#10) Application does not have permission', 400, 10).lacksPermission).toBe(true);
    expect(new GraphApiError('forbidden', 403, null).lacksPermission).toBe(true);
    expect(new GraphApiError('Invalid OAuth access token', 401, 190).lacksPermission).toBe(false);
  });
});
