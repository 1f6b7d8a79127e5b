import { parseBusinessHours } from '../business-hours';
import { parseDuration } from '../duration';
import { Language, SlaPolicy, Templates } from './sla-policy';

const KEYS = new Set(['firstResponse', 'nextResponse', 'resolution', 'warnAt', 'businessHours', 'pauseWhilePending', 'timeZone', 'autoAcknowledge', 'highLoadNotice']);
const LANGUAGES = ['ru', 'en', 'both'];

type Raw = Record<string, unknown>;

/**
 * Applies a raw policy tree (YAML or an API body) over a base policy. Every problem is reported with its
 * key path (`policies.email.firstResponse: expected a duration such as 90s, 5m, 12h or 2d, got "soon"`).
 */
export function applyPolicyOverrides(base: SlaPolicy, raw: unknown, path: string): { policy: SlaPolicy; problems: string[] } {
  const problems: string[] = [];
  const policy: SlaPolicy = structuredClone(base);
  if (raw === undefined || raw === null) return { policy, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { policy, problems: [`${path}: expected a mapping of policy keys`] };
  const node = raw as Raw;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      problems.push((err as Error).message);
    }
  };
  const duration = (key: string, value: unknown): number => {
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${at(key)}: expected a duration such as 90s, 5m, 12h or 2d, got ${JSON.stringify(value)}`);
    try {
      return parseDuration(String(value));
    } catch (err) {
      throw new Error(`${at(key)}: ${(err as Error).message}`);
    }
  };

  for (const key of Object.keys(node)) if (!KEYS.has(key)) problems.push(`${at(key)}: unknown policy key (known: ${[...KEYS].join(', ')})`);
  if ('firstResponse' in node) attempt(() => { policy.firstResponse = duration('firstResponse', node.firstResponse); });
  if ('nextResponse' in node) attempt(() => { policy.nextResponse = duration('nextResponse', node.nextResponse); });
  if ('resolution' in node) attempt(() => { policy.resolution = node.resolution === null || node.resolution === 'none' ? undefined : duration('resolution', node.resolution); });
  if ('warnAt' in node) {
    const n = Number(node.warnAt);
    if (typeof node.warnAt === 'boolean' || !Number.isFinite(n) || n <= 0 || n >= 1) problems.push(`${at('warnAt')}: expected a fraction between 0 and 1 such as 0.8, got ${JSON.stringify(node.warnAt)}`);
    else policy.warnAt = n;
  }
  if ('pauseWhilePending' in node) attempt(() => { policy.pauseWhilePending = bool(node.pauseWhilePending, at('pauseWhilePending')); });
  if ('businessHours' in node) {
    attempt(() => {
      policy.businessHours = parseBusinessHours(node.businessHours, at('businessHours'));
      if (policy.businessHours.kind === 'schedule' && !('timeZone' in node)) policy.timeZone = policy.businessHours.timeZone;
    });
  }
  if ('timeZone' in node) {
    attempt(() => {
      const tz = String(node.timeZone);
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
      } catch {
        throw new Error(`${at('timeZone')}: expected an IANA time zone such as Europe/Moscow, got ${JSON.stringify(node.timeZone)}`);
      }
      policy.timeZone = tz;
    });
  }
  if ('autoAcknowledge' in node) {
    attempt(() => {
      const ack = section(node.autoAcknowledge, at('autoAcknowledge'), ['enabled', 'language', 'template', 'perSenderWindow'], problems);
      if ('enabled' in ack) policy.autoAcknowledge.enabled = bool(ack.enabled, at('autoAcknowledge.enabled'));
      if ('language' in ack) policy.autoAcknowledge.language = language(ack.language, at('autoAcknowledge.language'));
      if ('template' in ack) policy.autoAcknowledge.templates = templates(ack.template, policy.autoAcknowledge.templates, at('autoAcknowledge.template'));
      if ('perSenderWindow' in ack) policy.autoAcknowledge.perSenderWindow = duration('autoAcknowledge.perSenderWindow', ack.perSenderWindow);
    });
  }
  if ('highLoadNotice' in node) {
    attempt(() => {
      const notice = section(node.highLoadNotice, at('highLoadNotice'), ['enabled', 'language', 'template', 'chatsPerAgent'], problems);
      if ('enabled' in notice) policy.highLoadNotice.enabled = bool(notice.enabled, at('highLoadNotice.enabled'));
      if ('language' in notice) policy.highLoadNotice.language = language(notice.language, at('highLoadNotice.language'));
      if ('template' in notice) policy.highLoadNotice.templates = templates(notice.template, policy.highLoadNotice.templates, at('highLoadNotice.template'));
      if ('chatsPerAgent' in notice) {
        const n = Number(notice.chatsPerAgent);
        if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`${at('highLoadNotice.chatsPerAgent')}: expected a whole number from 1 to 100, got ${JSON.stringify(notice.chatsPerAgent)}`);
        policy.highLoadNotice.chatsPerAgent = n;
      }
    });
  }
  return { policy, problems };
}

function bool(value: unknown, key: string): boolean {
  if (value === true || value === 'true' || value === 'on') return true;
  if (value === false || value === 'false' || value === 'off') return false;
  throw new Error(`${key}: expected true or false, got ${JSON.stringify(value)}`);
}

function language(value: unknown, key: string): Language | 'both' {
  if (typeof value === 'string' && LANGUAGES.includes(value)) return value as Language | 'both';
  throw new Error(`${key}: expected one of ${LANGUAGES.join(', ')}, got ${JSON.stringify(value)}`);
}

/** `on`/`off` alone, or a mapping with the section's keys. */
function section(value: unknown, key: string, allowed: string[], problems: string[]): Raw {
  if (typeof value === 'boolean' || value === 'on' || value === 'off') return { enabled: value };
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${key}: expected on, off or a mapping with ${allowed.join(', ')}`);
  for (const k of Object.keys(value)) if (!allowed.includes(k)) problems.push(`${key}.${k}: unknown key (known: ${allowed.join(', ')})`);
  return value as Raw;
}

/** One string for both languages, or `{ ru, en }`. */
function templates(value: unknown, base: Templates, key: string): Templates {
  if (typeof value === 'string' && value.trim()) return { ru: value, en: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const out = { ...base };
    for (const [lang, text] of Object.entries(value)) {
      if (lang !== 'ru' && lang !== 'en') throw new Error(`${key}.${lang}: expected ru or en`);
      if (typeof text !== 'string' || !text.trim()) throw new Error(`${key}.${lang}: expected a non-empty text`);
      out[lang] = text;
    }
    return out;
  }
  throw new Error(`${key}: expected a text or { ru, en } texts`);
}
