import { SendError } from '../channel-adapter';
import { toSendError } from './smtp-send-error.util';

describe('toSendError', () => {
  it('ends retries on a permanent refusal', () => {
    const err = toSendError(Object.assign(new Error("Can't send mail"), { responseCode: 550, response: '550 5.1.1 no such user' }));
    expect(err).toBeInstanceOf(SendError);
    expect(err.message).toBe('SMTP: 550 5.1.1 no such user');
    expect(err.options.permanent).toBe(true);
  });

  it('retries temporary failures, 503, and connection errors', () => {
    expect(toSendError({ responseCode: 451, response: '451 try later' }).options.permanent).toBe(false);
    expect(toSendError({ responseCode: 503, response: '503 bad sequence' }).options.permanent).toBe(false);
    expect(toSendError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' })).options).toEqual({ permanent: false });
  });

  it('trusts the library when it classifies the reply itself', () => {
    expect(toSendError({ responseCode: 552, permanent: false }).options.permanent).toBe(false);
  });
});
