import { templateService } from '@app/platform/templates';
import { formatLocalDateTime } from '../business-hours';
import { Language, Templates } from './sla-policy';

/**
 * Renders a template through the inbox's one template engine (liquidjs, shared with canned replies). The
 * configuration refused unknown variables at load, so none can vanish here.
 */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  return templateService.render(template, vars);
}

/** The message in the chosen language, or Russian then English for `both`. */
export function renderTemplates(templates: Templates, language: Language | 'both', vars: (lang: Language) => Record<string, string>): string {
  const langs: Language[] = language === 'both' ? ['ru', 'en'] : [language];
  return langs.map((lang) => fillTemplate(templates[lang], vars(lang))).join('\n\n');
}

/** "Tuesday 24 November 10:00 (Europe/Moscow)": a moment as the customer should read it. */
export function formatMoment(at: Date, timeZone: string, lang: Language): string {
  return `${formatLocalDateTime(at, { kind: 'schedule', timeZone, weekly: {}, holidays: [] }, lang)} (${timeZone})`;
}

/** A wait rounded up the way people say it: "15 minutes", "2 hours", "около 15 минут" is left to the template. */
export function humanizeWait(ms: number, lang: Language): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 90) return lang === 'ru' ? `${minutes} ${plural(minutes, ['минута', 'минуты', 'минут'])}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.ceil(minutes / 60);
  return lang === 'ru' ? `${hours} ${plural(hours, ['час', 'часа', 'часов'])}` : `${hours} hours`;
}

function plural(n: number, forms: [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}
