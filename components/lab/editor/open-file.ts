/**
 * "Open this file in the editor" from anywhere in the lab (Allow this, later `kubectl edit`): a request
 * the Files tab takes when it mounts, or at once when it is already showing.
 */
let pending: string | null = null;
const listeners = new Set<(path: string) => void>();

export function requestOpen(path: string): void {
  pending = path;
  for (const l of listeners) l(path);
}

/** The request waiting for the Files tab, if any (taking it clears it). */
export function takePendingOpen(): string | null {
  const p = pending;
  pending = null;
  return p;
}

export function onOpenRequest(listener: (path: string) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
