import { csatSchema } from './csat-config';

describe('csat settings', () => {
  it('reads a delay with its unit, and a question in both languages', () => {
    expect(csatSchema.parse({ delay: '5m', question: { ru: 'Как мы?', en: 'How?' } })).toEqual({ enabled: true, question: { ru: 'Как мы?', en: 'How?' }, delayMs: 300_000 });
    expect(csatSchema.parse({ enabled: false, delay: 90 })).toMatchObject({ enabled: false, delayMs: 90_000 });
    expect(csatSchema.parse(undefined)).toBeUndefined();
  });

  it('names what is wrong', () => {
    const issues = csatSchema.safeParse({ delay: 'soon', question: { ru: 'x' }, colour: 1 }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/^delay: a delay such as/), expect.stringMatching(/^question: a string, or a mapping with ru and en/)]));
  });
});
