import { TemplateError, TemplateService } from './template-service';

describe('TemplateService (liquidjs)', () => {
  const templates = new TemplateService();

  it('renders variables with fallbacks, Russian included', () => {
    const source = 'Здравствуйте, {{ contact.name | default: "клиент" }}! Это {{ agent.name }}, обращение № {{ conversation.id }}.';
    expect(templates.render(source, { contact: { name: null }, agent: { name: 'Анна' }, conversation: { id: 7 } }))
      .toBe('Здравствуйте, клиент! Это Анна, обращение № 7.');
    expect(templates.render(source, { contact: { name: 'Ольга' }, agent: { name: 'Анна' }, conversation: { id: 7 } }))
      .toBe('Здравствуйте, Ольга! Это Анна, обращение № 7.');
  });

  it('keeps the old {{name}} placeholders working', () => {
    expect(templates.render('by {{dueAt}}, #{{conversationId}}', { dueAt: 'Tuesday 10:00', conversationId: '7' })).toBe('by Tuesday 10:00, #7');
  });

  it('names the line of a template that does not parse', () => {
    const error = catchError(() => templates.check('Hello\nthere {{ contact.name'));
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^line 2: .*not closed/);
  });

  it('refuses an unknown filter with its line', () => {
    const error = catchError(() => templates.check('a\n\n{{ agent.name | shout }}'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/undefined filter: shout/);
  });

  it('refuses variables the place does not offer, and accepts the ones it does', () => {
    expect(() => templates.check('{{ contact.name }} {% if agent.name %}{{ agent.name }}{% endif %}', ['contact', 'agent'])).not.toThrow();
    const error = catchError(() => templates.check('Hi\n{{ contcat.name }}', ['contact', 'agent']));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/unknown variable "contcat"; this template may use contact, agent/);
  });

  it('does not reach into prototypes', () => {
    expect(templates.render('{{ contact.constructor }}', { contact: { name: 'x' } })).toBe('');
  });
});

function catchError(run: () => unknown): TemplateError {
  try {
    run();
  } catch (err) {
    return err as TemplateError;
  }
  throw new Error('expected an error');
}
