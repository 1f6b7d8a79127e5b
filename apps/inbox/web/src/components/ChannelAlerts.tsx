import { useT } from '../i18n';
import { isDown, useChannels } from '../hooks/use-channels';
import { navigate } from '../hooks/use-path';
import { useSession } from '../session';

/** A red banner over the inbox and the board while a channel is down, naming it and why. */
export function ChannelAlerts() {
  const t = useT();
  const { me } = useSession();
  const { items } = useChannels();
  const down = items.filter(isDown);
  if (!down.length) return null;
  return (
    <div class="channel-alert" role="alert" data-channels-down={down.map((c) => c.id).join(' ')}>
      <span>{t.channelDown(down.map((c) => `${c.name} (${c.reason ?? t[`state_${c.state}` as 'state_error'] ?? c.state})`).join('; '))}</span>
      {me.role === 'ops' && <button type="button" class="link" onClick={() => navigate('/channels')}>{t.channelDetails}</button>}
    </div>
  );
}
