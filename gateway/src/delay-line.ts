import { performance } from 'node:perf_hooks';

export interface DelayLine {
  /** Runs `action` once the line's delay has passed, after every action pushed before it. */
  push(action: () => void): void;
  /** Drops what is still in flight (the gateway is shutting down). */
  clear(): void;
}

/**
 * A one-way link with a fixed latency: FIFO, so messages sent back to back all arrive one delay
 * later, in order, instead of queueing behind each other. One timer serves the whole line.
 * With delayMs = 0 actions run synchronously and no timer is ever created (the hot path of an
 * unthrottled gateway stays as it was).
 *
 * setTimeout may fire up to a millisecond early against performance.now() (libuv caches the loop
 * time), so a due action whose moment has not quite come is re-armed: the delay is a true minimum.
 */
export function createDelayLine(delayMs: number): DelayLine {
  const queue: { due: number; action: () => void }[] = [];
  let head = 0;
  let timer: NodeJS.Timeout | undefined;

  function arm(): void {
    const next = queue[head];
    if (!next) return;
    timer = setTimeout(flush, Math.max(1, Math.ceil(next.due - performance.now())));
    timer.unref(); // open sockets keep the process alive; an in-flight delay alone should not
  }

  function flush(): void {
    timer = undefined;
    const now = performance.now();
    while (head < queue.length && queue[head]!.due <= now) queue[head++]!.action();
    if (head === queue.length || head > 1024) {
      queue.splice(0, head); // drop what has run, without shifting on every message
      head = 0;
    }
    if (!timer) arm();
  }

  return {
    push(action) {
      if (delayMs <= 0) return action();
      queue.push({ due: performance.now() + delayMs, action });
      if (!timer) arm();
    },
    clear() {
      clearTimeout(timer);
      timer = undefined;
      queue.length = head = 0;
    },
  };
}
