import { useState } from 'preact/hooks';
import { useAttentionT } from '../i18n-attention';
import { useAttentionAlerts } from '../hooks/use-attention-alerts';
import { notificationsSupported, notificationsWanted, setNotificationsWanted, setSoundWanted, soundWanted } from '../notifications';

/** The opt-in for desktop notifications and the sound, in the header; it also runs the alerts. */
export function NotificationToggle() {
  const t = useAttentionT();
  useAttentionAlerts();
  const permission = () => (notificationsSupported() ? Notification.permission : 'denied');
  const [on, setOn] = useState(() => notificationsWanted() && permission() === 'granted');
  const [blocked, setBlocked] = useState(() => permission() === 'denied');
  const [sound, setSound] = useState(soundWanted);
  const toggle = async () => {
    const result = await setNotificationsWanted(!on);
    setBlocked(result === 'denied' || result === 'unsupported');
    setOn(!on && result === 'granted');
  };
  return (
    <span class="attention-toggles">
      <label title={blocked ? t.notificationsBlocked : undefined}>
        <input type="checkbox" name="notifications" checked={on} onChange={toggle} data-permission={blocked ? 'denied' : on ? 'granted' : 'off'} />
        {t.notifications}
      </label>
      <label>
        <input type="checkbox" name="sound" checked={sound} onChange={() => { setSoundWanted(!sound); setSound(!sound); }} />
        {t.sound}
      </label>
    </span>
  );
}
