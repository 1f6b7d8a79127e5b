/**
 * Desktop notifications and a sound, both opt-in and remembered in this browser. The permission is asked only
 * when the agent turns notifications on (browsers refuse a request nobody clicked for).
 */
const NOTIFY_KEY = 'inbox.notifications';
const SOUND_KEY = 'inbox.sound';

export const notificationsSupported = (): boolean => typeof Notification !== 'undefined';
export const notificationsWanted = (): boolean => localStorage.getItem(NOTIFY_KEY) === 'on';
export const soundWanted = (): boolean => localStorage.getItem(SOUND_KEY) === 'on';
export const setSoundWanted = (on: boolean): void => localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');

/** Turns notifications on (asking for the permission) or off; resolves the browser's permission. */
export async function setNotificationsWanted(on: boolean): Promise<NotificationPermission | 'unsupported'> {
  if (!notificationsSupported()) return 'unsupported';
  localStorage.setItem(NOTIFY_KEY, on ? 'on' : 'off');
  return on && Notification.permission === 'default' ? Notification.requestPermission() : Notification.permission;
}

/** Shows a notification when the agent wants them and the browser allows them; plays the sound when wanted. */
export function alertAgent(title: string, body: string, tag: string, onClick?: () => void): void {
  if (notificationsWanted() && notificationsSupported() && Notification.permission === 'granted') {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick?.();
      n.close();
    };
  }
  if (soundWanted()) beep();
}

let audio: AudioContext | null = null;

/** A short two-tone chime made on the spot, so there is no sound file to serve. */
function beep(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    [880, 660].forEach((frequency, i) => {
      const osc = audio!.createOscillator();
      const gain = audio!.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, now + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.15 + 0.14);
      osc.connect(gain).connect(audio!.destination);
      osc.start(now + i * 0.15);
      osc.stop(now + i * 0.15 + 0.15);
    });
    document.documentElement.dataset.lastSound = String(Date.now());
  } catch {
    // No audio device: the notification still shows.
  }
}
