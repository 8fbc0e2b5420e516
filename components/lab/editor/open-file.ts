/**
 * "Open this file in the editor" from anywhere in the lab (Allow this, `vi FILE`, `kubectl edit`): a request
 * the Files tab takes when it mounts, or at once when it is already showing. The lab switches to the Files tab
 * on every request (LabContext).
 */
export interface OpenRequest {
  readonly path: string;
  /** What the editor's Apply runs instead of `kubectl apply -f FILE` (kubectl edit's temp file). */
  readonly applyWith?: string;
}

let pending: OpenRequest | null = null;
const listeners = new Set<(request: OpenRequest) => void>();

export function requestOpen(path: string, applyWith?: string): void {
  pending = { path, ...(applyWith !== undefined ? { applyWith } : {}) };
  for (const l of listeners) l(pending);
}

/** The request waiting for the Files tab, if any (taking it clears it). */
export function takePendingOpen(): OpenRequest | null {
  const p = pending;
  pending = null;
  return p;
}

export function onOpenRequest(listener: (request: OpenRequest) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
