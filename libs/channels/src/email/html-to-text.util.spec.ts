import { htmlToText } from './html-to-text.util';

describe('htmlToText', () => {
  it('keeps paragraphs, line breaks and list items', () => {
    expect(htmlToText('<p>Hello <b>team</b>,</p><p>line one<br>line two</p><ul><li>a</li><li>b</li></ul>'))
      .toBe('Hello team,\nline one\nline two\n\n- a\n- b');
  });

  it('keeps link words, not their addresses, and decodes entities', () => {
    expect(htmlToText('<a href="https://track.test/x?u=1">your order</a> &amp; &lt;more&gt; &#8364;5&nbsp;now &#x41;'))
      .toBe('your order & <more> €5 now A');
  });

  it('puts table cells side by side', () => {
    expect(htmlToText('<table><tr><td>Order</td><td>1042</td></tr><tr><td>Total</td><td>99</td></tr></table>')).toBe('Order 1042\nTotal 99');
  });
});
