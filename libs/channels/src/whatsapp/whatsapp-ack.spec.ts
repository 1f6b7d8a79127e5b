import { ackToStatus } from './whatsapp-ack';

describe('ackToStatus', () => {
  it.each([
    [-1, 'failed'],
    [0, null],
    [1, 'sent'],
    [2, 'delivered'],
    [3, 'read'],
    [4, 'read'],
    [7, null],
  ])('maps ack %p to %p', (ack, status) => {
    expect(ackToStatus(ack)).toBe(status);
  });
});
