import { z } from 'zod';
import { field } from './config-schema';

/** A text in each language an automatic message is sent in; a plain string is used whatever the language. */
export type LocalisedText = string | { ru: string; en: string };

/** A channel's satisfaction survey (`csat:` on the channel). */
export interface CsatSettings {
  enabled: boolean;
  question: LocalisedText;
  /** How long after the resolve the customer is asked (a reopen meanwhile cancels it). */
  delayMs: number;
}

export const DEFAULT_CSAT_QUESTION: LocalisedText = {
  ru: 'Оцените, пожалуйста, как мы помогли вам',
  en: 'How did we do? Please rate our help',
};

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };
const DELAY = /^(\d{1,6})\s*(s|m|h)?$/;
const delayExpected = 'a delay such as 0, 90s, 5m or 1h';

const text = z.string({ error: 'a non-empty string' }).trim().min(1, { error: 'a non-empty string' }).max(1000, { error: 'at most 1000 characters' });

export const csatSchema = z.preprocess(
  (v) => v ?? undefined,
  z.strictObject({
    enabled: field.boolean(true),
    question: z.union([text, z.strictObject({ ru: text, en: text })], { error: 'a string, or a mapping with ru and en' }).default(DEFAULT_CSAT_QUESTION),
    delay: z.union([z.string(), z.number()], { error: delayExpected }).default('0')
      .transform((v, ctx) => {
        const match = DELAY.exec(String(v).trim());
        if (!match) {
          ctx.addIssue({ code: 'custom', message: delayExpected });
          return z.NEVER;
        }
        return Number(match[1]) * UNIT_MS[match[2] ?? 's'];
      }),
  }, { error: 'a mapping with enabled, question and delay' }).transform(({ delay, ...rest }): CsatSettings => ({ ...rest, delayMs: delay })),
).optional();
