import { Liquid, Template } from 'liquidjs';

/** A template that does not parse, or uses a variable its place does not offer; `line` counts from 1. */
export class TemplateError extends Error {
  constructor(readonly line: number | null, readonly reason: string) {
    super(line ? `line ${line}: ${reason}` : reason);
  }
}

const CACHE_LIMIT = 500;

/**
 * The one template engine (liquidjs) behind every text the inbox writes from a template: canned replies and the
 * automatic SLA messages (acknowledgement, high-load notice). `{{ contact.name | default: "клиент" }}` gives a
 * fallback; an unknown filter is an error rather than silently dropped; only own properties of the variables are
 * reachable, so a template cannot walk into prototypes.
 */
export class TemplateService {
  private readonly engine = new Liquid({ strictFilters: true, ownPropertyOnly: true, jsTruthy: true });
  /** Parsed templates by source: the SLA texts are rendered for every new conversation. */
  private readonly parsed = new Map<string, Template[]>();

  /**
   * Parses `source` and, when `variables` is given, refuses a variable whose first name is not among them
   * (`{{ contcat.name }}` would otherwise render as nothing). Throws a TemplateError naming the line.
   */
  check(source: string, variables?: readonly string[]): void {
    const templates = this.parse(source);
    if (!variables) return;
    const allowed = new Set(variables);
    for (const name of this.engine.globalVariablesSync(templates)) {
      const root = name.split(/[.[]/)[0];
      if (!allowed.has(root)) {
        throw new TemplateError(lineOf(source, root), `unknown variable "${root}"; this template may use ${variables.join(', ')}`);
      }
    }
  }

  /** The text for these values; a missing value renders as nothing (or its `default:`). */
  render(source: string, values: Record<string, unknown>): string {
    try {
      return String(this.engine.renderSync(this.parse(source), values));
    } catch (err) {
      throw asTemplateError(err);
    }
  }

  private parse(source: string): Template[] {
    const known = this.parsed.get(source);
    if (known) return known;
    let templates: Template[];
    try {
      templates = this.engine.parse(source);
    } catch (err) {
      throw asTemplateError(err);
    }
    if (this.parsed.size >= CACHE_LIMIT) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(source, templates);
    return templates;
  }
}

/** The shared instance: the engine holds no state but its parse cache, and config validation runs before Nest exists. */
export const templateService = new TemplateService();

/** liquidjs errors end in ", line:2, col:7" and carry the token's position; keep the reason and the line apart. */
function asTemplateError(err: unknown): TemplateError {
  if (err instanceof TemplateError) return err;
  const e = err as { message?: string; token?: { getPosition?: () => [number, number] } };
  const message = String(e?.message ?? err);
  const position = e?.token?.getPosition?.();
  const fromText = /line:(\d+)/.exec(message);
  const line = position?.[0] ?? (fromText ? Number(fromText[1]) : null);
  return new TemplateError(line, message.replace(/,? line:\d+, col:\d+.*$/s, '').trim());
}

/** The first line where `name` appears inside `{{ }}` or `{% %}`, for the unknown-variable message. */
function lineOf(source: string, name: string): number | null {
  const lines = source.split('\n');
  const pattern = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  const index = lines.findIndex((l) => pattern.test(l) && /\{[{%]/.test(l));
  return index >= 0 ? index + 1 : null;
}
