import { useContext } from 'preact/hooks';
import { navigate } from '../hooks/use-path';
import { OpenIncidents } from '../hooks/use-open-incidents';
import { useLeadT } from '../lead-i18n';

/** Tells every agent in the inbox that an incident is open, and how many conversations are linked to it. */
export function IncidentBanner() {
  const t = useLeadT();
  const { incidents } = useContext(OpenIncidents);
  if (!incidents.length) return null;
  return (
    <div class="incident-banner" role="status">
      {incidents.map((i) => (
        <a key={i.id} href={`/incidents?i=${i.id}`} data-incident={i.id} onClick={(e) => { e.preventDefault(); navigate(`/incidents?i=${i.id}`); }}>
          <strong>{t.openIncidentBanner}:</strong> <bdi>{i.title}</bdi> <span class="hint">({i.conversationIds.length})</span>
        </a>
      ))}
    </div>
  );
}

/** The badge on a conversation's row while it is linked to an open incident. */
export function IncidentBadge({ title }: { title: string }) {
  const t = useLeadT();
  return <span class="incident-badge" title={title} data-incident-badge="">{t.incident}</span>;
}
