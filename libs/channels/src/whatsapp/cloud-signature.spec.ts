import { hubSignature, sameSecret, verifyHubSignature } from './cloud-signature';

describe('verifyHubSignature', () => {
  const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

  it('accepts the HMAC-SHA256 of the raw body with the app secret', () => {
    expect(verifyHubSignature(body, hubSignature(body, 'app-secret'), 'app-secret')).toBe(true);
    expect(verifyHubSignature(body, [hubSignature(body, 'app-secret')], 'app-secret')).toBe(true);
  });

  it('refuses another secret, another body, a missing or malformed header', () => {
    expect(verifyHubSignature(body, hubSignature(body, 'other'), 'app-secret')).toBe(false);
    expect(verifyHubSignature(Buffer.from(`${body} `), hubSignature(body, 'app-secret'), 'app-secret')).toBe(false);
    expect(verifyHubSignature(body, undefined, 'app-secret')).toBe(false);
    expect(verifyHubSignature(body, 'sha256=abc', 'app-secret')).toBe(false);
    expect(verifyHubSignature(body, hubSignature(body, 'app-secret').replace('sha256=', 'sha1='), 'app-secret')).toBe(false);
  });
});

describe('sameSecret', () => {
  it('compares tokens exactly', () => {
    expect(sameSecret('verify-me', 'verify-me')).toBe(true);
    expect(sameSecret('verify-m', 'verify-me')).toBe(false);
    expect(sameSecret(undefined, 'verify-me')).toBe(false);
    expect(sameSecret(['verify-me'], 'verify-me')).toBe(false);
  });
});
