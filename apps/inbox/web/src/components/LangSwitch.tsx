import { Lang, LANGS, useLang, useT } from '../i18n';

export function LangSwitch({ onLang }: { onLang: (lang: Lang) => void }) {
  const lang = useLang();
  const t = useT();
  return (
    <div class="lang-switch" role="group" aria-label={t.language}>
      {LANGS.map((l) => (
        <button type="button" key={l} class={l === lang ? 'on' : ''} aria-pressed={l === lang} onClick={() => onLang(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
