/** The CSAT figures of a set of ratings (5 best … 1 worst). */
export interface CsatFigures {
  responses: number;
  /** Share of the two best faces (🤩 😀), 0…1, or null without responses. */
  score: number | null;
  /** How many of each rating, best first. */
  distribution: Array<{ rating: number; count: number }>;
}

export function csatFigures(ratings: readonly number[]): CsatFigures {
  const counts = new Map<number, number>();
  for (const r of ratings) counts.set(r, (counts.get(r) ?? 0) + 1);
  const satisfied = ratings.filter((r) => r >= 4).length;
  return {
    responses: ratings.length,
    score: ratings.length ? Math.round((satisfied / ratings.length) * 1000) / 1000 : null,
    distribution: [5, 4, 3, 2, 1].map((rating) => ({ rating, count: counts.get(rating) ?? 0 })),
  };
}
