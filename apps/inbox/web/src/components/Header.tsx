import { useRef } from 'preact/hooks';
import type { Lang } from '../i18n';
import { useT } from '../i18n';
import { useCannedLabelsT } from '../canned-labels-i18n';
import { useAccountT } from '../account-texts';
import { useConnected } from '../hooks/use-connected';
import { navigate } from '../hooks/use-path';
import { useSession } from '../session';
import { AvailabilitySwitch } from './AvailabilitySwitch';
import { LangSwitch } from './LangSwitch';
import { useLeadT } from '../lead-i18n';
import { NotificationToggle } from './NotificationToggle';

const MORE_PAGES = ['/incidents', '/feature-requests', '/reviews', '/canned-replies', '/labels', '/agents', '/teams', '/channels'];

export function Header({ path, onLang, onSignOut }: { path: string; onLang: (lang: Lang) => void; onSignOut: () => void }) {
  const t = useT();
  const extra = useCannedLabelsT();
  const a = useAccountT();
  const { me, socket } = useSession();
  const live = useConnected(socket);
  const lead = useLeadT();
  const more = useRef<HTMLDetailsElement>(null);
  const link = (to: string, label: string) => (
    <a href={to} class={path === to ? 'on' : ''} aria-current={path === to ? 'page' : undefined}
      onClick={(e) => { e.preventDefault(); navigate(to); }}>{label}</a>
  );
  return (
    <header class="top">
      <span class="brand">{t.appName}</span>
      <nav>
        {link('/', t.inbox)}{link('/board', t.board)}{link('/queue', t.queue)}{link('/reports', t.reports)}
        {/* The pages of the lead's and ops' work in one menu, so the header fits a laptop and a phone. */}
        <details class={`nav-more${MORE_PAGES.includes(path) ? ' on' : ''}`} ref={more}>
          <summary>{t.morePages}</summary>
          <div class="nav-menu" onClick={() => more.current?.removeAttribute('open')}>
            {link('/incidents', lead.incidents)}{link('/feature-requests', lead.featureRequests)}{link('/reviews', lead.reviews)}
            {link('/canned-replies', extra.cannedReplies)}{link('/labels', extra.labels)}
            {me.role === 'ops' && link('/agents', a.agents)}{me.role === 'ops' && link('/teams', t.teamsPage)}{me.role === 'ops' && link('/channels', t.channelsPage)}
          </div>
        </details>
      </nav>
      <span class={`live ${live ? 'up' : 'down'}`} data-live={String(live)}>{live ? t.live : t.offline}</span>
      <span class="spacer" />
      <AvailabilitySwitch />
      <NotificationToggle />
      <span class="me">{me.name}</span>
      <LangSwitch onLang={onLang} />
      <button type="button" class="link" onClick={onSignOut}>{t.signOut}</button>
    </header>
  );
}
