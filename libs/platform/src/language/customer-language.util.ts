/**
 * The customer's language: one concept for every channel. A channel reports what it knows (the widget's browser
 * language, Telegram's `language_code`, a mail's `Content-Language`); the conversation keeps it; every automatic
 * message (greeting, acknowledgement, high-load notice, survey, bot) picks its text with `textInLanguage`.
 */

/** The languages automatic messages are written in. */
export const CUSTOMER_LANGUAGES = ['ru', 'en'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];

/** A text per language, or one text for everyone. */
export type LocalizedText = string | Partial<Record<CustomerLanguage, string>>;

/**
 * `ru-RU`, `en_US`, `RU`, `ru, en;q=0.8` → `ru`; a language we do not write in, or nothing, → null.
 * Languages close to Russian for our customers (uk, be, kk) are not guessed: null, so the channel's default holds.
 */
export function customerLanguage(tag: string | null | undefined): CustomerLanguage | null {
  if (typeof tag !== 'string') return null;
  const first = tag.split(',')[0].trim().toLowerCase().split(/[-_;]/)[0];
  return (CUSTOMER_LANGUAGES as readonly string[]).includes(first) ? (first as CustomerLanguage) : null;
}

/**
 * The text of an automatic message for this customer: their language when it is known and written, else the
 * channel's default, else Russian, else whatever text there is.
 */
export function textInLanguage(text: LocalizedText, language: string | null | undefined, fallback: CustomerLanguage = 'ru'): string {
  if (typeof text === 'string') return text;
  const wanted = customerLanguage(language);
  const order = [wanted, fallback, 'ru', 'en'].filter((l): l is CustomerLanguage => l !== null);
  for (const lang of order) if (text[lang]) return text[lang]!;
  return Object.values(text).find((t) => typeof t === 'string') ?? '';
}
