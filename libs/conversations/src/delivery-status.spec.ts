import fc from 'fast-check';
import { advanceDeliveryStatus } from './delivery-status';
import { DeliveryStatus } from './entities';

const ORDER: DeliveryStatus[] = ['queued', 'sent', 'delivered', 'read'];

describe('advanceDeliveryStatus', () => {
  it('moves forward and never back', () => {
    expect(advanceDeliveryStatus('queued', 'sent')).toBe('sent');
    expect(advanceDeliveryStatus('sent', 'read')).toBe('read');
    expect(advanceDeliveryStatus('read', 'delivered')).toBe('read');
    expect(advanceDeliveryStatus('delivered', 'sent')).toBe('delivered');
  });

  it('lets a failure follow queued or sent but not a confirmed delivery', () => {
    expect(advanceDeliveryStatus('queued', 'failed')).toBe('failed');
    expect(advanceDeliveryStatus('sent', 'failed')).toBe('failed');
    expect(advanceDeliveryStatus('delivered', 'failed')).toBe('delivered');
  });

  it('accepts a late delivery receipt for a message marked failed (the peer got it after all)', () => {
    expect(advanceDeliveryStatus('failed', 'delivered')).toBe('delivered');
    expect(advanceDeliveryStatus('failed', 'sent')).toBe('failed');
  });

  it('ends on the furthest acknowledgement whatever order they arrive in', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ORDER.slice(1)), { minLength: 1 }), (acks) => {
        const final = acks.reduce<DeliveryStatus>((s, a) => advanceDeliveryStatus(s, a), 'queued');
        const furthest = ORDER[Math.max(...acks.map((a) => ORDER.indexOf(a)))];
        expect(final).toBe(furthest);
      }),
    );
  });
});
