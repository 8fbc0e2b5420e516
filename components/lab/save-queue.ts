/**
 * Debounced, ordered, retried saving of the latest lab snapshot. Only the newest snapshot matters, so a
 * burst of commands becomes one request; a failed save is reported, retried with backoff and never dropped:
 * the snapshot stays pending until the server has it.
 */
export type SaveStatus =
  | { readonly kind: "idle" }
  | { readonly kind: "pending" }
  | { readonly kind: "saving" }
  | { readonly kind: "saved"; readonly at: number; readonly response: unknown }
  | { readonly kind: "error"; readonly message: string; readonly retryInMs: number }
  /** The server refused this snapshot itself (too large, over its budget): sending it again cannot help. */
  | { readonly kind: "refused"; readonly message: string };

const DEBOUNCE_MS = 700;
const MAX_BACKOFF_MS = 30_000;

/** 4xx answers about the snapshot itself; 401 (cookie), 408, 429 and 5xx are worth retrying later. */
const refusedForGood = (status: number) => status >= 400 && status < 500 && ![401, 408, 429].includes(status);

export class SaveQueue<T> {
  private pending: T | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private failures = 0;
  private paused = false;

  constructor(
    private readonly url: string,
    private readonly report: (status: SaveStatus) => void,
  ) {}

  /** Schedules `value` to be saved (replacing anything not yet sent). */
  push(value: T): void {
    if (this.paused) return;
    this.pending = value;
    this.report({ kind: "pending" });
    this.schedule(DEBOUNCE_MS);
  }

  /** Stops sending (the saved lab must not be overwritten) until resume(). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Tries again now after a failure. */
  retry(): void {
    this.schedule(0);
  }

  /** Best effort before the page unloads: send what is pending without waiting for the answer. */
  flush(): void {
    if (this.pending === null) return;
    const body = JSON.stringify(this.pending);
    // keepalive lets the request outlive the page; browsers cap such bodies at 64 KB.
    if (body.length < 60_000) {
      void fetch(this.url, {
        method: "PUT",
        body,
        headers: { "content-type": "application/json" },
        keepalive: true,
      }).catch(() => {});
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.send(), ms);
  }

  private async send(): Promise<void> {
    this.timer = null;
    if (this.inFlight || this.pending === null) return;
    const value = this.pending;
    this.pending = null;
    this.inFlight = true;
    this.report({ kind: "saving" });
    try {
      const response = await fetch(this.url, {
        method: "PUT",
        body: JSON.stringify(value),
        headers: { "content-type": "application/json" },
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const message = (body as { error?: string } | null)?.error ?? `the server answered ${response.status}`;
        if (refusedForGood(response.status)) {
          // Keep it pending for a manual retry or the next change, but do not resend the same thing by itself.
          this.pending ??= value;
          this.inFlight = false;
          this.report({ kind: "refused", message });
          return;
        }
        throw new Error(message);
      }
      this.failures = 0;
      if (this.pending === null) this.report({ kind: "saved", at: Date.now(), response: body });
    } catch (error) {
      // Keep the newest snapshot: a newer push wins, otherwise retry this one.
      this.pending ??= value;
      this.failures += 1;
      const retryInMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
      this.report({ kind: "error", message: (error as Error).message || "network error", retryInMs });
      this.inFlight = false;
      this.schedule(retryInMs);
      return;
    }
    this.inFlight = false;
    if (this.pending !== null) this.schedule(DEBOUNCE_MS);
  }
}
