import { signInUrl } from './sign-in-url.util';

describe('signInUrl', () => {
  it('puts the secret after # on the public URL, the request origin, or localhost', () => {
    expect(signInUrl('sil_a-b', { publicUrl: 'https://inbox.example.com/', port: 3000 }, 'http://10.0.0.5:3000')).toBe('https://inbox.example.com/#signin=sil_a-b');
    expect(signInUrl('sil_x', { port: 3000 }, 'http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000/#signin=sil_x');
    expect(signInUrl('sil_x', { port: 8080 })).toBe('http://localhost:8080/#signin=sil_x');
  });
});
