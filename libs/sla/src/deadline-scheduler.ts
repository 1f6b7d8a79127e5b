/**
 * Keeps the nearest deadlines in a min-heap and arms one timer for the earliest, so an idle server does no
 * work at all between deadlines (no polling) and each fires within the timer's precision of its moment.
 * One entry per key: scheduling a key again replaces its moment.
 */
export class DeadlineScheduler {
  private readonly heap: Array<{ at: number; key: number; seq: number }> = [];
  private readonly current = new Map<number, { at: number; seq: number }>();
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private stopped = false;

  constructor(private readonly onDue: (key: number) => void, private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.current.size;
  }

  schedule(key: number, at: number): void {
    const entry = { at, key, seq: ++this.seq };
    this.current.set(key, { at, seq: entry.seq });
    this.push(entry);
    if (at < this.armedFor) this.arm();
  }

  cancel(key: number): void {
    this.current.delete(key); // the heap entry is dropped lazily when it surfaces
  }

  has(key: number): boolean {
    return this.current.has(key);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Fires everything due now, then re-arms for the next. */
  private fire(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = this.now();
    while (this.heap.length && this.heap[0].at <= now) {
      const top = this.pop()!;
      const live = this.current.get(top.key);
      if (!live || live.seq !== top.seq) continue;
      this.current.delete(top.key);
      this.onDue(top.key);
    }
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    while (this.heap.length && this.current.get(this.heap[0].key)?.seq !== this.heap[0].seq) this.pop();
    if (!this.heap.length) return;
    const at = this.heap[0].at;
    if (this.timer) clearTimeout(this.timer);
    // setTimeout holds at most ~24.8 days; a later deadline re-arms on the way.
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, at - this.now()), 2 ** 31 - 1));
    this.timer.unref?.();
    this.armedFor = at;
  }

  private push(entry: { at: number; key: number; seq: number }): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].at <= h[i].at) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  private pop(): { at: number; key: number; seq: number } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < h.length && h[l].at < h[min].at) min = l;
        if (r < h.length && h[r].at < h[min].at) min = r;
        if (min === i) break;
        [h[min], h[i]] = [h[i], h[min]];
        i = min;
      }
    }
    return top;
  }
}
