import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, createApi } from '../api';
import { I18n, initialLang, Lang, saveLang, TEXTS } from '../i18n';
import { connectRealtime } from '../realtime';
import { forgetToken, savedToken, saveToken, Session, SessionContext } from '../session';
import { usePath } from '../hooks/use-path';
import { BoardPage } from './BoardPage';
import { Header } from './Header';
import { InboxPage } from './InboxPage';
import { ReportsPage } from './ReportsPage';
import { SignIn } from './SignIn';
import { TeamQueuePage } from './TeamQueuePage';

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const chooseLang = useCallback((l: Lang) => {
    saveLang(l);
    setLang(l);
  }, []);
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(() => savedToken() !== null);
  const path = usePath();

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const signOut = useCallback(() => {
    forgetToken();
    setSession((current) => {
      current?.socket.disconnect();
      return null;
    });
  }, []);

  /** Checks the token with the server, then keeps it for this browser tab only. */
  const signIn = useCallback(async (token: string) => {
    const api = createApi(token, signOut);
    const me = await api.me();
    const [agents, channels] = await Promise.all([api.agents(), api.channels()]);
    saveToken(token);
    setSession({ api, me, agents: agents.items, channels: channels.items, channelTypes: channels.types, socket: connectRealtime(token, signOut) });
  }, [signOut]);

  useEffect(() => {
    const token = savedToken();
    if (!token) return;
    signIn(token)
      .catch((err) => { if (err instanceof ApiError && err.status === 401) forgetToken(); })
      .finally(() => setChecking(false));
  }, [signIn]);

  return (
    <I18n.Provider value={{ lang, t: TEXTS[lang] }}>
      {session ? (
        <SessionContext.Provider value={session}>
          <div class="shell">
            <Header path={path} onLang={chooseLang} onSignOut={signOut} />
            {path === '/board' ? <BoardPage /> : path === '/queue' ? <TeamQueuePage /> : path === '/reports' ? <ReportsPage /> : <InboxPage />}
          </div>
        </SessionContext.Provider>
      ) : checking ? (
        <div class="splash" aria-busy="true" />
      ) : (
        <SignIn onSignIn={signIn} onLang={chooseLang} />
      )}
    </I18n.Provider>
  );
}
