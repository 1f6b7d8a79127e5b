import { createHash } from 'node:crypto';
import { customerPageCsp, inlineHashes } from './page-csp.util';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const PAGE = '<style>b{}</style><script src="/x.js"></script><script>\n  go();\n</script>';

describe('customer page CSP', () => {
  it('hashes inline blocks only, not scripts loaded by src', () => {
    expect(inlineHashes(PAGE, 'script')).toEqual([sha('\n  go();\n')]);
    expect(inlineHashes(PAGE, 'style')).toEqual([sha('b{}')]);
  });

  it('allows the page\'s own inline code and the configured framing pages', () => {
    const csp = customerPageCsp(PAGE, ["'self'", 'https://shop.example.com']);
    expect(csp).toContain(`script-src 'self' ${sha('\n  go();\n')}`);
    expect(csp).toContain(`style-src 'self' ${sha('b{}')}`);
    expect(csp).toContain("frame-ancestors 'self' https://shop.example.com");
    expect(csp).not.toContain('unsafe-inline');
  });
});
