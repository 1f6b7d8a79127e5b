import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Lang, useT } from '../i18n';
import { LangSwitch } from './LangSwitch';

export function SignIn({ onSignIn, onLang }: { onSignIn: (token: string) => Promise<void>; onLang: (lang: Lang) => void }) {
  const t = useT();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!token.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await onSignIn(token.trim());
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t.signInFailed : t.serverUnreachable);
      setBusy(false);
    }
  };

  return (
    <div class="sign-in">
      <form class="sign-in-card" onSubmit={submit}>
        <div class="sign-in-top">
          <h1>{t.appName}</h1>
          <LangSwitch onLang={onLang} />
        </div>
        <h2>{t.signInTitle}</h2>
        <p class="hint">{t.signInHint}</p>
        <label>
          {t.token}
          <input name="token" type="password" autoComplete="current-password" value={token} autoFocus
            onInput={(e) => setToken(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{t.signIn}</button>
      </form>
    </div>
  );
}
