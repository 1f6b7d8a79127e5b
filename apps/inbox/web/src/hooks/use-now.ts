import { useEffect, useState } from 'preact/hooks';

// One timer for every ticking figure on the page, on the second, so countdowns change together.
const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(): void {
  timer = setTimeout(() => {
    const now = Date.now();
    listeners.forEach((listener) => listener(now));
    schedule();
  }, 1000 - (Date.now() % 1000) + 5);
}

/** The current time, re-rendering the caller every second. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    listeners.add(setNow);
    if (!timer) schedule();
    return () => {
      listeners.delete(setNow);
      if (!listeners.size && timer) {
        clearTimeout(timer);
        timer = null;
      }
    };
  }, []);
  return now;
}
