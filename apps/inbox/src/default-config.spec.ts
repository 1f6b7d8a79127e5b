import { resolve } from 'node:path';
import { BUILTIN_CHANNEL_TYPES } from '@app/channels';
import { defaultPolicy } from '@app/sla/policy/sla-policy';
import { PolicyRegistry } from '@app/sla/policy/policy-registry.service';
import { loadAppConfig } from './load-app-config';

describe('config/default.yaml', () => {
  it('is valid and states the promised defaults', () => {
    const config = loadAppConfig({}, resolve(__dirname, '../../..'));
    expect(config.channels.map((c) => c.type)).toEqual(['webchat']);
    const registry = new PolicyRegistry(config, null as never, null as never, BUILTIN_CHANNEL_TYPES, null as never);
    const email = registry.forType('email');
    expect(email).toMatchObject({ firstResponse: 12 * 3_600_000, nextResponse: 12 * 3_600_000 });
    expect(email.autoAcknowledge.enabled).toBe(true);
    expect(email.autoAcknowledge.templates).toEqual(defaultPolicy('mail').autoAcknowledge.templates);
    expect(registry.forType('webchat')).toMatchObject({ firstResponse: 5 * 60_000, nextResponse: 10 * 60_000 });
  });
});
