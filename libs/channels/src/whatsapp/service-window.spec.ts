import { SERVICE_WINDOW_MS, serviceWindowRefusal } from './service-window';

describe('serviceWindowRefusal', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');

  it('allows a free-form reply within 24 hours of the last customer message', () => {
    expect(serviceWindowRefusal('4915112345678', now - 1000, now)).toBeNull();
    expect(serviceWindowRefusal('4915112345678', now - SERVICE_WINDOW_MS + 1, now)).toBeNull();
  });

  it('refuses at exactly 24 hours and after, saying a template is needed', () => {
    const refusal = serviceWindowRefusal('4915112345678', now - SERVICE_WINDOW_MS, now);
    expect(refusal).toMatch(/24-hour customer service window with 4915112345678 is closed/);
    expect(refusal).toMatch(/template message is needed/);
    expect(refusal).toMatch(/closed at 2025-03-10T12:00:00.000Z/);
  });

  it('refuses when no customer message is known', () => {
    expect(serviceWindowRefusal('49151', null, now)).toMatch(/no message from this customer is known.*template/);
  });
});
