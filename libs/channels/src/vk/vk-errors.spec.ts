import { SendError } from '../channel-adapter';
import { VkApiError } from './vk-api';
import { reasonOf, sendErrorOf } from './vk-errors';

describe('VK send errors', () => {
  it('fails a message at once when the user forbade messages, with VK\'s reason', () => {
    for (const code of [901, 902, 7]) {
      const error = sendErrorOf(new VkApiError(code, 'Can\'t send messages for users without permission', 'messages.send'));
      expect(error).toBeInstanceOf(SendError);
      expect(error.options.permanent).toBe(true);
      expect(error.message).toBe(`Can't send messages for users without permission (VK error ${code})`);
    }
  });

  it('leaves server and network errors to the outbox\'s retries, with the wait VK asked for', () => {
    expect(sendErrorOf(new VkApiError(10, 'Internal server error', 'messages.send'), 2000).options).toEqual({ retryAfterMs: 2000 });
    expect(sendErrorOf(new Error('fetch failed')).options.permanent).toBeUndefined();
    expect(reasonOf(new Error('fetch failed'))).toBe('fetch failed');
  });
});
