"use client";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";

const MIN = 25;
const MAX = 75;
/**
 * The lesson's share at first: the lab gets the larger part, because Cilium's tables are wide (at 1280 px a
 * 50/50 split left the terminal ~68 columns; 40/60 gives it ~85).
 */
export const DEFAULT_SPLIT = 40;

/**
 * Two panes side by side with a draggable (and keyboard-operable) divider; stacked on narrow screens.
 * The chosen split is remembered per browser.
 */
export function SplitPane({
  left,
  right,
  storageKey = "policy-lab:split",
}: {
  left: ReactNode;
  right: ReactNode;
  storageKey?: string;
}) {
  const [percent, setPercent] = useState(DEFAULT_SPLIT);
  const container = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  useEffect(() => {
    const saved = Number(window.localStorage.getItem(storageKey));
    // Restoring a saved preference after hydration; the server cannot know it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved >= MIN && saved <= MAX) setPercent(saved);
  }, [storageKey]);

  const commit = useCallback(
    (value: number) => {
      const clamped = Math.min(MAX, Math.max(MIN, Math.round(value)));
      setPercent(clamped);
      window.localStorage.setItem(storageKey, String(clamped));
    },
    [storageKey],
  );

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current || !container.current) return;
    const rect = container.current.getBoundingClientRect();
    commit(((event.clientX - rect.left) / rect.width) * 100);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 10 : 2;
    if (event.key === "ArrowLeft") commit(percent - step);
    else if (event.key === "ArrowRight") commit(percent + step);
    else if (event.key === "Home") commit(MIN);
    else if (event.key === "End") commit(MAX);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={container}
      className="flex min-h-0 flex-1 flex-col lg:flex-row"
      style={{ ["--split" as string]: `${percent}%` }}
      onPointerMove={onPointerMove}
      onPointerUp={() => (dragging.current = false)}
      onPointerLeave={() => (dragging.current = false)}
    >
      <div className="min-w-0 lg:h-full lg:w-[var(--split)] lg:overflow-y-auto">{left}</div>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the lesson and the lab"
        title="Drag to resize the lesson and the lab (or focus and press ← →)"
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        aria-valuenow={percent}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerUp={(e) => {
          dragging.current = false;
          e.currentTarget.releasePointerCapture(e.pointerId);
        }}
        className="hidden w-1.5 shrink-0 cursor-col-resize bg-slate-200 hover:bg-brand-400 focus-visible:bg-brand-400 lg:block dark:bg-slate-800"
      />
      <div className="flex h-[calc(100dvh-3rem)] min-h-[24rem] min-w-0 flex-1 flex-col lg:h-full lg:min-h-0">
        {right}
      </div>
    </div>
  );
}
