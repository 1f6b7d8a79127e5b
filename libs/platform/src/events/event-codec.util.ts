/**
 * Events cross processes as JSON. Dates are tagged on the way out and revived on the way in, so a listener in
 * another process sees `message.createdAt` as a Date, while strings that merely look like dates stay strings.
 */
const DATE_TAG = '$date';

export function encodeEvent(name: string, origin: string, payload: unknown): string {
  return JSON.stringify({ name, origin, payload }, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { [DATE_TAG]: raw.getTime() } : value;
  });
}

export interface DecodedEvent {
  name: string;
  origin: string;
  payload: unknown;
}

export function decodeEvent(text: string): DecodedEvent {
  const decoded = JSON.parse(text, (_key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === DATE_TAG && typeof value[DATE_TAG] === 'number') return new Date(value[DATE_TAG]);
    }
    return value;
  });
  if (typeof decoded?.name !== 'string' || typeof decoded?.origin !== 'string') throw new Error('not an inbox event');
  return decoded as DecodedEvent;
}
