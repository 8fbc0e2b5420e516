/**
 * Live updates without shared memory between instances: each process polls the database once per interval
 * per feed (a workshop's dashboard, its announcements) while anyone on that process watches it, and pushes
 * a new value to its watchers when the JSON changed. The database is the only source: a change made
 * through any instance reaches every watcher on every instance within one interval plus the query.
 */

type Listener = (json: string) => void;

interface FeedState {
  readonly load: () => Promise<unknown>;
  readonly intervalMs: number;
  readonly listeners: Set<Listener>;
  last: string | null;
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
}

const feeds = new Map<string, FeedState>();

async function tick(key: string, feed: FeedState): Promise<void> {
  feed.timer = null;
  if (feed.listeners.size === 0) {
    feeds.delete(key);
    return;
  }
  feed.running = true;
  const started = performance.now();
  try {
    const json = JSON.stringify(await feed.load());
    if (json !== feed.last) {
      feed.last = json;
      for (const l of feed.listeners) l(json);
    }
  } catch (error) {
    // A failed poll (database restarting) is retried on the next tick; watchers keep the last value.
    console.error(`policy-lab: live feed ${key}: ${(error as Error).message}`);
  } finally {
    feed.running = false;
  }
  // Start to start, not end to start: a slow poll (a busy database) does not stretch the interval by its own time.
  if (feed.listeners.size === 0) feeds.delete(key);
  else
    feed.timer = setTimeout(() => void tick(key, feed), Math.max(10, feed.intervalMs - (performance.now() - started)));
}

/**
 * Watches a feed: `listener` gets the current value at once (or after the first load) and each change
 * after. Returns the function that stops watching. Watchers of one key share one poll.
 */
export function watch(key: string, load: () => Promise<unknown>, intervalMs: number, listener: Listener): () => void {
  let feed = feeds.get(key);
  if (!feed) {
    feed = { load, intervalMs, listeners: new Set(), last: null, timer: null, running: false };
    feeds.set(key, feed);
  }
  feed.listeners.add(listener);
  if (feed.last !== null) listener(feed.last);
  if (!feed.timer && !feed.running) void tick(key, feed);
  const f = feed;
  return () => {
    f.listeners.delete(listener);
  };
}

/** Number of feeds polling in this process (tests). */
export const activeFeeds = (): number => feeds.size;

/** A text/event-stream response that relays a feed, with a comment every 15 s so proxies keep it open. */
export function eventStream(request: Request, subscribe: (send: (json: string) => void) => () => void): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      write("retry: 3000\n\n");
      const unsubscribe = subscribe((json) => write(`data: ${json}\n\n`));
      const heartbeat = setInterval(() => write(": keep-alive\n\n"), 15_000);
      stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", () => stop(), { once: true });
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      // Next compresses responses by default, and a gzip stream holds events back until its buffer fills.
      "content-encoding": "none",
      "x-accel-buffering": "no",
    },
  });
}
