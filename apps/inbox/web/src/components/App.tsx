import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, createApi, sessionApi } from '../api';
import { I18n, initialLang, Lang, saveLang, TEXTS } from '../i18n';
import { connectRealtime } from '../realtime';
import { forgetToken, savedToken, saveToken, Session, SessionContext } from '../session';
import { usePath } from '../hooks/use-path';
import { BoardPage } from './BoardPage';
import { CannedRepliesPage } from './CannedRepliesPage';
import { ChannelAlerts } from './ChannelAlerts';
import { ChannelsPage } from './ChannelsPage';
import { TeamsPage } from './TeamsPage';
import { Header } from './Header';
import { AgentsPage } from './AgentsPage';
import { InboxPage } from './InboxPage';
import { LabelsPage } from './LabelsPage';
import { ReportsPage } from './ReportsPage';
import { LEAD_PAGES } from './lead-pages';
import { SetPassword } from './SetPassword';
import { SignIn } from './SignIn';
import { TeamQueuePage } from './TeamQueuePage';

/** What the sign-in screen shows: the first-run form or the sign-in form, and why it is shown again. */
interface Gate {
  firstRun: boolean;
  notice: 'linkInvalid' | null;
}

/** A one-time sign-in link's secret from `#signin=…`, removed from the address bar at once. */
function takeSignInLink(): string | null {
  const secret = /^#signin=(.+)$/.exec(location.hash)?.[1];
  if (!secret) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(secret);
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const chooseLang = useCallback((l: Lang) => {
    saveLang(l);
    setLang(l);
  }, []);
  const [session, setSession] = useState<Session | null>(null);
  // null while the server is asked whether this browser is signed in (the session cookie is HttpOnly).
  const [gate, setGate] = useState<Gate | null>(null);
  const [needsPassword, setNeedsPassword] = useState(false);
  const path = usePath();

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const showSignIn = useCallback((notice: Gate['notice'] = null) => {
    sessionApi.current()
      .then((state) => setGate({ firstRun: state.firstRun, notice }))
      .catch(() => setGate({ firstRun: false, notice }));
  }, []);

  /**
   * Leaves the inbox: a cookie session is ended on the server too (every tab of this browser is signed out with it);
   * an API token is only forgotten by this tab.
   */
  const signOut = useCallback((withCookie: boolean) => {
    forgetToken();
    setSession((current) => {
      current?.socket.disconnect();
      return null;
    });
    setNeedsPassword(false);
    (withCookie ? sessionApi.signOut().catch(() => undefined) : Promise.resolve()).finally(() => showSignIn());
  }, [showSignIn]);

  /** Opens the inbox as the agent of the session cookie (token null) or of an API token, kept for this tab only. */
  const start = useCallback(async (token: string | null) => {
    // Refused later (the session ended, the token revoked): back to the sign-in page. A token refused at once (a wrong
    // one typed in) has no cookie session to end.
    const refused = () => signOut(token === null);
    const api = createApi(token, refused);
    const me = await api.me();
    const [agents, channels] = await Promise.all([api.agents(), api.channels()]);
    if (token) saveToken(token);
    setSession({ api, me, agents: agents.items, channels: channels.items, channelTypes: channels.types, socket: connectRealtime(token, refused) });
  }, [signOut]);

  useEffect(() => {
    const link = takeSignInLink();
    (async () => {
      let notice: Gate['notice'] = null;
      if (link) await sessionApi.redeemLink(link).catch(() => { notice = 'linkInvalid'; });
      const state = await sessionApi.current();
      if (state.agent) {
        await start(null);
        setNeedsPassword(link !== null && !state.agent.hasPassword);
        return;
      }
      const token = savedToken();
      if (token) {
        try {
          await start(token);
          return;
        } catch (err) {
          if (err instanceof ApiError && err.status === 401) forgetToken();
        }
      }
      setGate({ firstRun: state.firstRun, notice });
    })().catch(() => setGate({ firstRun: false, notice: null }));
  }, [start]);

  const signInWithPassword = useCallback(async (email: string, password: string) => {
    await sessionApi.signIn(email, password);
    await start(null);
  }, [start]);

  const createFirstAccount = useCallback(async (name: string, email: string, password: string) => {
    await sessionApi.firstAccount(name, email, password);
    await start(null);
  }, [start]);

  return (
    <I18n.Provider value={{ lang, t: TEXTS[lang] }}>
      {session ? (
        <SessionContext.Provider value={session}>
          <div class="shell">
            <Header path={path} onLang={chooseLang} onSignOut={() => signOut(savedToken() === null)} />
            <ChannelAlerts />
            {needsPassword ? <SetPassword onDone={() => setNeedsPassword(false)} />
              : path === '/board' ? <BoardPage /> : path === '/queue' ? <TeamQueuePage /> : path === '/reports' ? <ReportsPage /> : path === '/labels' ? <LabelsPage />
              : path === '/canned-replies' ? <CannedRepliesPage /> : path === '/agents' ? <AgentsPage />
              : path === '/channels' && session.me.role === 'ops' ? <ChannelsPage /> : path === '/teams' && session.me.role === 'ops' ? <TeamsPage /> : LEAD_PAGES[path]?.() ?? <InboxPage />}
          </div>
        </SessionContext.Provider>
      ) : gate === null ? (
        <div class="splash" aria-busy="true" />
      ) : (
        <SignIn key={String(gate.firstRun)} firstRun={gate.firstRun} notice={gate.notice}
          onPassword={signInWithPassword} onFirstRun={createFirstAccount} onToken={start} onLang={chooseLang} />
      )}
    </I18n.Provider>
  );
}
