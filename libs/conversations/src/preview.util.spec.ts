import { previewOf } from './preview.util';

describe('previewOf', () => {
  it('folds whitespace and keeps short text whole', () => {
    expect(previewOf('  Привет,\n\n  заказ   не пришёл ')).toBe('Привет, заказ не пришёл');
  });

  it('cuts long text at a word boundary with an ellipsis', () => {
    const out = previewOf('word '.repeat(100), 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out.endsWith('word…')).toBe(true);
  });
});
