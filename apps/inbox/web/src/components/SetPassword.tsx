import { useState } from 'preact/hooks';
import { useAccountT } from '../account-texts';
import { ApiError } from '../api';
import { useT } from '../i18n';
import { useSession } from '../session';

/** After a one-time sign-in link: the agent chooses a password for the next time (or later). */
export function SetPassword({ onDone }: { onDone: () => void }) {
  const t = useT();
  const a = useAccountT();
  const { api } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.setPassword(password);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.serverUnreachable);
      setBusy(false);
    }
  };

  return (
    <div class="sign-in">
      <form class="sign-in-card" onSubmit={submit}>
        <h2>{a.setPasswordTitle}</h2>
        <p class="hint">{a.setPasswordHint}</p>
        <label>
          {a.password}
          <input name="new-password" type="password" autoComplete="new-password" required minLength={10} maxLength={200} value={password} autoFocus
            onInput={(e) => setPassword(e.currentTarget.value)} />
          <span class="hint">{a.passwordHint}</span>
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{a.savePassword}</button>
        <button type="button" class="link" onClick={onDone}>{a.later}</button>
      </form>
    </div>
  );
}
