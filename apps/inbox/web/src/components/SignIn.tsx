import { useState } from 'preact/hooks';
import { useAccountT } from '../account-texts';
import { ApiError } from '../api';
import { Lang, useT } from '../i18n';
import { LangSwitch } from './LangSwitch';

type Mode = 'first-run' | 'password' | 'token';

export interface SignInProps {
  /** The installation has no agent yet: offer to create the first ops account. */
  firstRun: boolean;
  /** Why the form is shown again (a sign-in link that did not work). */
  notice?: 'linkInvalid' | null;
  onPassword: (email: string, password: string) => Promise<void>;
  onFirstRun: (name: string, email: string, password: string) => Promise<void>;
  onToken: (token: string) => Promise<void>;
  onLang: (lang: Lang) => void;
}

/** Sign-in with e-mail and password, the first-run account, or (for integrations' tokens) an API token. */
export function SignIn({ firstRun, notice, onPassword, onFirstRun, onToken, onLang }: SignInProps) {
  const t = useT();
  const a = useAccountT();
  const [mode, setMode] = useState<Mode>(firstRun ? 'first-run' : 'password');
  const [fields, setFields] = useState({ name: '', email: '', password: '', token: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof fields) => (e: Event) => setFields({ ...fields, [key]: (e.currentTarget as HTMLInputElement).value });

  const explain = (err: unknown): string => {
    if (!(err instanceof ApiError)) return t.serverUnreachable;
    if (err.status === 401) return mode === 'token' ? t.signInFailed : a.wrongPassword;
    if (err.status === 429) return a.tooManyAttempts(/(\d+) s/.exec(err.message)?.[1] ?? '…');
    if (err.status === 409) {
      setMode('password');
      return a.firstRunTaken;
    }
    return err.message;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'token') await onToken(fields.token.trim());
      else if (mode === 'first-run') await onFirstRun(fields.name.trim(), fields.email.trim(), fields.password);
      else await onPassword(fields.email.trim(), fields.password);
    } catch (err) {
      setError(explain(err));
      setBusy(false);
    }
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setError(null);
  };

  return (
    <div class="sign-in">
      <form class="sign-in-card" onSubmit={submit} data-mode={mode}>
        <div class="sign-in-top">
          <h1>{t.appName}</h1>
          <LangSwitch onLang={onLang} />
        </div>
        <h2>{mode === 'first-run' ? a.firstRunTitle : t.signInTitle}</h2>
        {notice && <p class="error" role="status">{a[notice]}</p>}
        {mode === 'first-run' && <p class="hint">{a.firstRunHint}</p>}
        {mode === 'token' && <p class="hint">{t.signInHint}</p>}
        {mode === 'first-run' && (
          <label>
            {a.name}
            <input name="name" autoComplete="name" required maxLength={200} value={fields.name} autoFocus onInput={set('name')} />
          </label>
        )}
        {mode !== 'token' && (
          <>
            <label>
              {a.email}
              <input name="email" type="email" autoComplete="username" required maxLength={320} value={fields.email}
                autoFocus={mode === 'password'} onInput={set('email')} />
            </label>
            <label>
              {a.password}
              <input name="password" type="password" required minLength={mode === 'first-run' ? 10 : undefined} maxLength={200}
                autoComplete={mode === 'first-run' ? 'new-password' : 'current-password'} value={fields.password} onInput={set('password')} />
              {mode === 'first-run' && <span class="hint">{a.passwordHint}</span>}
            </label>
          </>
        )}
        {mode === 'token' && (
          <label>
            {t.token}
            <input name="token" type="password" autoComplete="off" required value={fields.token} autoFocus onInput={set('token')} />
          </label>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{mode === 'first-run' ? a.createAccount : t.signIn}</button>
        {mode === 'token'
          ? <button type="button" class="link" onClick={() => switchTo(firstRun ? 'first-run' : 'password')}>{firstRun ? a.firstRunTitle : a.usePassword}</button>
          : <button type="button" class="link" data-use-token onClick={() => switchTo('token')}>{a.useToken}</button>}
      </form>
    </div>
  );
}
