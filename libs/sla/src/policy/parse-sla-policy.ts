import { z } from 'zod';
import { addWholeProblem, parseOrReport, settingsObject } from '@app/platform/config/config-schema';
import { templateService } from '@app/platform/templates';
import { parseBusinessHours } from '../business-hours';
import { parseDuration } from '../duration';
import { ACK_VARIABLES, HIGH_LOAD_VARIABLES, Language, SlaPolicy, Templates } from './sla-policy';

type Ctx = z.RefinementCtx;

/** A custom issue the config bridge reads as `<key>: expected <message>, got <value>`. */
const refuse = (ctx: Ctx, expected: string): never => {
  ctx.addIssue({ code: 'custom', message: expected });
  return z.NEVER;
};

const DURATION = 'a duration such as 90s, 5m, 12h or 2d';
/** The duration in milliseconds, or null when the value is not one. */
function durationOf(v: unknown): number | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  try {
    return parseDuration(String(v));
  } catch {
    return null;
  }
}
const duration = z.unknown().transform((v, ctx): number => durationOf(v) ?? refuse(ctx, DURATION));

/** `true`/`false`, and YAML's `on`/`off` as text. */
const onOff = z.unknown().transform((v, ctx): boolean => {
  if (v === true || v === 'true' || v === 'on') return true;
  if (v === false || v === 'false' || v === 'off') return false;
  return refuse(ctx, 'true or false');
});

const language = z.enum(['ru', 'en', 'both'], { error: 'one of ru, en, both' });

/** The problem with a template (its line, an unknown variable), or null when it renders. */
function templateProblem(text: string, variables: readonly string[]): string | null {
  try {
    templateService.check(text, variables);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * One text for both languages, or `{ ru, en }` (either may be left out to keep the current one); each a liquid
 * template that may use only `variables`, checked here so a broken one stops the start instead of a greeting.
 */
const templates = (variables: readonly string[]) => z.unknown().transform((v, ctx): Partial<Templates> => {
  const expected = `a template using ${variables.map((n) => `{{ ${n} }}`).join(', ')}`;
  if (typeof v === 'string' && v.trim()) {
    const problem = templateProblem(v, variables);
    return problem ? refuse(ctx, `${expected} (${problem})`) : { ru: v, en: v };
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return refuse(ctx, 'a text or { ru, en } texts');
  const out: Partial<Templates> = {};
  for (const [lang, text] of Object.entries(v)) {
    if (lang !== 'ru' && lang !== 'en') ctx.addIssue({ code: 'custom', message: 'ru or en', path: [lang] });
    else if (typeof text !== 'string' || !text.trim()) ctx.addIssue({ code: 'custom', message: 'a non-empty text', path: [lang] });
    else {
      const problem = templateProblem(text, variables);
      if (problem) ctx.addIssue({ code: 'custom', message: `${expected} (${problem})`, path: [lang] });
      else out[lang as Language] = text;
    }
  }
  return out;
});

/** `on`/`off` alone, or a mapping with the section's keys. */
const section = <S extends z.ZodRawShape>(owner: string, shape: S) =>
  z.preprocess((v) => (typeof v === 'boolean' || v === 'on' || v === 'off' ? { enabled: v } : v), settingsObject(owner, shape));

/**
 * The policy keys as a schema. Built per call because business hours report their own nested keys (a day, a
 * range, a holiday) under the path they are given.
 */
function policySchema(path: string) {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  return settingsObject('a policy', {
    firstResponse: duration.optional(),
    nextResponse: duration.optional(),
    // `none` (or null) removes the resolution target.
    resolution: z.unknown().transform((v, ctx): number | null => (v === null || v === 'none' ? null : durationOf(v) ?? refuse(ctx, DURATION))).optional(),
    warnAt: z.unknown().transform((v, ctx): number => {
      const n = Number(v);
      return typeof v !== 'boolean' && Number.isFinite(n) && n > 0 && n < 1 ? n : refuse(ctx, 'a fraction between 0 and 1 such as 0.8');
    }).optional(),
    businessHours: z.unknown().transform((v, ctx) => {
      try {
        return parseBusinessHours(v, at('businessHours'));
      } catch (err) {
        addWholeProblem(ctx, (err as Error).message);
        return z.NEVER;
      }
    }).optional(),
    pauseWhilePending: onOff.optional(),
    timeZone: z.unknown().transform((v, ctx): string => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: String(v) });
        return String(v);
      } catch {
        return refuse(ctx, 'an IANA time zone such as Europe/Moscow');
      }
    }).optional(),
    autoAcknowledge: section('autoAcknowledge', {
      enabled: onOff.optional(), language: language.optional(), template: templates(ACK_VARIABLES).optional(), perSenderWindow: duration.optional(),
    }).optional(),
    highLoadNotice: section('highLoadNotice', {
      enabled: onOff.optional(), language: language.optional(), template: templates(HIGH_LOAD_VARIABLES).optional(),
      chatsPerAgent: z.unknown().transform((v, ctx): number => {
        const n = Number(v);
        return typeof v !== 'boolean' && Number.isInteger(n) && n >= 1 && n <= 100 ? n : refuse(ctx, 'a whole number from 1 to 100');
      }).optional(),
    }).optional(),
  });
}

/**
 * Applies a raw policy tree (YAML or an API body) over a base policy. Every problem is reported with its
 * key path (`policies.email.firstResponse: expected a duration such as 90s, 5m, 12h or 2d, got "soon"`); with any
 * problem the base policy is returned unchanged.
 */
export function applyPolicyOverrides(base: SlaPolicy, raw: unknown, path: string): { policy: SlaPolicy; problems: string[] } {
  const problems: string[] = [];
  const policy: SlaPolicy = structuredClone(base);
  if (raw === undefined || raw === null) return { policy, problems };
  const o = parseOrReport(policySchema(path), raw, path, problems);
  if (!o) return { policy, problems };
  if (o.firstResponse !== undefined) policy.firstResponse = o.firstResponse;
  if (o.nextResponse !== undefined) policy.nextResponse = o.nextResponse;
  if (o.resolution !== undefined) policy.resolution = o.resolution ?? undefined;
  if (o.warnAt !== undefined) policy.warnAt = o.warnAt;
  if (o.pauseWhilePending !== undefined) policy.pauseWhilePending = o.pauseWhilePending;
  if (o.businessHours) {
    policy.businessHours = o.businessHours;
    // Business hours name their zone; it is also the zone promised times are shown in, unless given apart.
    if (o.businessHours.kind === 'schedule' && o.timeZone === undefined) policy.timeZone = o.businessHours.timeZone;
  }
  if (o.timeZone !== undefined) policy.timeZone = o.timeZone;
  for (const [name, given] of [['autoAcknowledge', o.autoAcknowledge], ['highLoadNotice', o.highLoadNotice]] as const) {
    if (!given) continue;
    const target = policy[name];
    if (given.enabled !== undefined) target.enabled = given.enabled;
    if (given.language !== undefined) target.language = given.language;
    if (given.template !== undefined) target.templates = { ...target.templates, ...given.template };
  }
  if (o.autoAcknowledge?.perSenderWindow !== undefined) policy.autoAcknowledge.perSenderWindow = o.autoAcknowledge.perSenderWindow;
  if (o.highLoadNotice?.chatsPerAgent !== undefined) policy.highLoadNotice.chatsPerAgent = o.highLoadNotice.chatsPerAgent;
  return { policy, problems };
}
