import { SHORTCUTS } from '../shortcuts';
import { useT } from '../i18n';

/** The list of keys, shown with "?". */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <div class="overlay" role="presentation" onClick={onClose}>
      <div class="dialog shortcuts-help" role="dialog" aria-modal="true" aria-label={t.shortcutsTitle} onClick={(e) => e.stopPropagation()}>
        <h2>{t.shortcutsTitle}</h2>
        <dl>
          {SHORTCUTS.map(({ key, action }) => (
            <div key={key}><dt><kbd>{key}</kbd></dt><dd>{t.shortcut[action]}</dd></div>
          ))}
        </dl>
        <button type="button" class="small" onClick={onClose}>{t.close}</button>
      </div>
    </div>
  );
}
