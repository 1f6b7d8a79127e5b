import { csatFigures } from './csat-figures.util';

describe('csat figures', () => {
  it('scores the share of the two best faces and counts each', () => {
    expect(csatFigures([5, 4, 3, 1])).toEqual({
      responses: 4, score: 0.5,
      distribution: [{ rating: 5, count: 1 }, { rating: 4, count: 1 }, { rating: 3, count: 1 }, { rating: 2, count: 0 }, { rating: 1, count: 1 }],
    });
    expect(csatFigures([5, 5, 2]).score).toBe(0.667);
  });

  it('has no score without responses', () => {
    expect(csatFigures([])).toMatchObject({ responses: 0, score: null });
  });
});
