import { sanitizeEmailHtml } from './sanitize-email-html.util';

describe('sanitizeEmailHtml', () => {
  it('keeps formatting, tables and safe links', () => {
    const html = '<p style="color: #c00; text-align: center">Hi <b>there</b></p><table border="1"><tr><td colspan="2">cell</td></tr></table>'
      + '<a href="https://shop.test/order/1">order</a> <a href="mailto:a@b.test">mail</a>';
    expect(sanitizeEmailHtml(html)).toBe(
      '<p style="color:#c00;text-align:center">Hi <b>there</b></p><table border="1"><tr><td colspan="2">cell</td></tr></table>'
      + '<a href="https://shop.test/order/1" rel="noopener noreferrer nofollow" target="_blank">order</a> '
      + '<a href="mailto:a@b.test" rel="noopener noreferrer nofollow" target="_blank">mail</a>',
    );
  });

  it('removes scripts, event handlers and javascript: links', () => {
    const out = sanitizeEmailHtml('<div onclick="steal()" onmouseover="x()">text<script>alert(1)</script></div>'
      + '<a href="javascript:alert(1)">x</a><a href="  JaVaScRiPt:alert(1)">y</a><img src=x onerror="alert(1)">');
    expect(out).not.toMatch(/script|onclick|onmouseover|onerror|alert/i);
    expect(out).toContain('text');
  });

  it('removes forms, frames, objects, styles and document-level tags with their content', () => {
    const out = sanitizeEmailHtml('<html><head><title>T</title><meta http-equiv="refresh" content="0;url=https://evil.test">'
      + '<base href="https://evil.test/"><link rel="stylesheet" href="https://evil.test/a.css"><style>body{background:url(https://evil.test/t.png)}</style></head>'
      + '<body><form action="https://evil.test/login"><input name="password"><button>Log in</button><select><option>a</option></select>'
      + '<textarea>t</textarea></form><iframe src="https://evil.test"></iframe><object data="x.swf"></object><embed src="x">'
      + '<svg onload="alert(1)"><circle/></svg><p>kept</p></body></html>');
    expect(out).toBe('<p>kept</p>');
  });

  it('loads no remote content: remote images are left out, style urls are dropped', () => {
    const out = sanitizeEmailHtml('<img src="https://tracker.test/pixel.gif" width="1" height="1">'
      + '<img src="http://shop.test/logo.png" alt="Shop logo"><img src="//cdn.test/x.png" alt="cdn"><img src="relative.png">'
      + '<p style="background-image: url(https://tracker.test/bg.png); color: red">p</p>'
      + '<table background="https://tracker.test/bg.png"><tr><td>t</td></tr></table>');
    expect(out).toBe('<p style="color:red">p</p><table><tr><td>t</td></tr></table>');
    // …and nothing around them is disturbed.
    expect(sanitizeEmailHtml('<a href="https://a.test/">x<img src="https://t.test/p.gif">y</a><img src="z"><b>b</b>'))
      .toBe('<a href="https://a.test/" rel="noopener noreferrer nofollow" target="_blank">xy</a><b>b</b>');
  });

  it('keeps images embedded in the mail', () => {
    const out = sanitizeEmailHtml('<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline"><img src="cid:logo@x" alt="logo">');
    expect(out).toBe('<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline" /><img src="cid:logo@x" alt="logo" />');
  });
});
