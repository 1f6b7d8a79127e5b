import { applyPolicyOverrides } from './parse-sla-policy';
import { defaultPolicy } from './sla-policy';

describe('applyPolicyOverrides', () => {
  it('defaults: chat 5m/10m with the high-load notice, e-mail 12h/12h with the acknowledgement, always open', () => {
    expect(defaultPolicy('chat')).toMatchObject({ firstResponse: 300_000, nextResponse: 600_000, warnAt: 0.8, businessHours: { kind: 'always' } });
    expect(defaultPolicy('chat').highLoadNotice.enabled).toBe(true);
    expect(defaultPolicy('mail')).toMatchObject({ firstResponse: 43_200_000, nextResponse: 43_200_000 });
    expect(defaultPolicy('mail').autoAcknowledge.enabled).toBe(true);
  });

  it('overrides durations, business hours (taking their zone for display) and templates', () => {
    const { policy, problems } = applyPolicyOverrides(defaultPolicy('mail'), {
      firstResponse: '4h',
      resolution: '2d',
      businessHours: { timeZone: 'Europe/Moscow', weekly: { mon: ['09:00-18:00'] } },
      autoAcknowledge: { template: { ru: 'Ответим до {{dueAt}}' }, perSenderWindow: '1h', language: 'ru' },
      highLoadNotice: 'off',
    }, 'policies.email');
    expect(problems).toEqual([]);
    expect(policy).toMatchObject({ firstResponse: 14_400_000, resolution: 172_800_000, timeZone: 'Europe/Moscow' });
    expect(policy.autoAcknowledge).toMatchObject({ language: 'ru', perSenderWindow: 3_600_000 });
    expect(policy.autoAcknowledge.templates.ru).toBe('Ответим до {{dueAt}}');
    expect(policy.autoAcknowledge.templates.en).toContain('{{dueAt}}');
    expect(policy.highLoadNotice.enabled).toBe(false);
  });

  it('names every bad key', () => {
    const { problems } = applyPolicyOverrides(defaultPolicy('chat'), {
      firstResponse: 'soon', warnAt: 1.5, pauseWhilePending: 'maybe', colour: 'red', highLoadNotice: { chatsPerAgent: 0 },
    }, 'channels[0].policy');
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^channels\[0\]\.policy\.firstResponse: .*expected a duration/),
      expect.stringMatching(/^channels\[0\]\.policy\.warnAt: expected a fraction/),
      expect.stringMatching(/^channels\[0\]\.policy\.pauseWhilePending: expected true or false/),
      expect.stringMatching(/^channels\[0\]\.policy\.colour: no such key; a policy takes firstResponse/),
      expect.stringMatching(/^channels\[0\]\.policy\.highLoadNotice\.chatsPerAgent: expected a whole number/),
    ]));
  });

  it('refuses a template that does not parse or uses a variable its message does not offer, naming the key and the line', () => {
    const { problems, policy } = applyPolicyOverrides(defaultPolicy('mail'), {
      autoAcknowledge: { template: { ru: 'Ответим\nдо {{ dueAt', en: 'Answer by {{ due }}' } },
      highLoadNotice: { template: 'Wait {{ wait | default: "a while" }}' },
    }, 'channels[0].policy');
    expect(problems).toEqual([
      expect.stringMatching(/^channels\[0\]\.policy\.autoAcknowledge\.template\.ru: expected a template using \{\{ dueAt \}\}, \{\{ conversationId \}\} \(line 2: .*not closed/),
      expect.stringMatching(/^channels\[0\]\.policy\.autoAcknowledge\.template\.en: .*\(line 1: unknown variable "due"/),
    ]);
    expect(policy.autoAcknowledge.templates.en).toContain('{{dueAt}}');
  });
});
