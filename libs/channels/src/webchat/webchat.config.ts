import { z } from 'zod';
import type { ChannelConfig } from '@app/platform/config';
import { field, settingsObject, settingsValidator } from '@app/platform/config';

const localizedText = () => z.union([
  z.string().min(1),
  z.strictObject({ ru: z.string().min(1).optional(), en: z.string().min(1).optional() }),
], { error: 'a text, or { ru, en } texts' });
const localized = (fallback?: { ru: string; en: string }) => (fallback ? localizedText().default(fallback) : localizedText().optional());

// An origin as browsers send it: scheme, host and port, nothing after.
const ORIGIN = /^https?:\/\/[^/\s]+$/;

const topicSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]{1,64}$/, { error: '1–64 of a–z 0–9 _ -' }),
  label: localizedText(),
  /** The team a conversation on this topic is routed to (teams are configured by routing). */
  team: z.string().min(1).optional(),
});

/**
 * A web chat channel: how the widget looks and greets, who may embed it, how a signed-in user is verified, what
 * a visitor may upload and what is asked before the chat.
 */
export const webchatSettingsSchema = settingsObject('a webchat channel', {
  greeting: localized({ ru: 'Здравствуйте! Чем помочь?', en: 'Hello! How can we help?' }),
  /** The widget's title; the channel's name when missing. */
  title: localized(),
  colour: field.text(undefined, '#2b5cd6').pipe(z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'a colour such as #2b5cd6' })),
  /** The language automatic messages use when the customer's is not known. */
  defaultLanguage: field.oneOf(['ru', 'en'], 'ru'),
  /** Sites allowed to embed the widget (CORS and the realtime handshake), e.g. https://shop.example.com; the inbox's own origin always is. */
  allowedOrigins: z.array(z.string().regex(ORIGIN, { error: 'an origin such as https://shop.example.com' })).default([]),
  /** HMAC-SHA256 key for identity verification of signed-in users; without it, identities are refused. */
  identitySecret: field.optionalText().pipe(z.string().min(16, { error: 'at least 16 characters' }).optional()),
  uploads: z.strictObject({
    maxBytes: field.integer(10 * 1024 * 1024, 1, 100 * 1024 * 1024),
    /** Allowed content types; `image/*` allows every image type except SVG (never accepted: it can carry script). */
    types: z.array(z.string().regex(/^[a-z]+\/([a-z0-9.+-]+|\*)$/, { error: 'a content type such as image/* or application/pdf' }))
      .default(['image/*', 'application/pdf', 'text/plain']),
  }).default({ maxBytes: 10 * 1024 * 1024, types: ['image/*', 'application/pdf', 'text/plain'] }),
  preChat: z.strictObject({
    name: field.oneOf(['off', 'optional', 'required'], 'off'),
    email: field.oneOf(['off', 'optional', 'required'], 'off'),
    topics: z.array(topicSchema).default([]),
  }).optional(),
});

export type WebchatSettings = z.output<typeof webchatSettingsSchema>;

export const validateWebchatSettings = settingsValidator(webchatSettingsSchema, { secrets: ['identitySecret'] });

/** The typed view of an already validated channel entry. */
export function webchatSettingsOf(config: ChannelConfig): WebchatSettings {
  return config.settings as unknown as WebchatSettings;
}
