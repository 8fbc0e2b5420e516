"use client";
import { useRef } from "react";
import { LAB_ID, useLab } from "./LabContext";

/** "Skip to the lab": the first stop after the site's header, so the terminal is a few Tabs away, not forty. */
export function SkipToLab() {
  const { focusTerminal } = useLab();
  return (
    <a
      href={`#${LAB_ID}`}
      onClick={(event) => {
        event.preventDefault();
        focusTerminal();
      }}
      className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-brand-400 focus:px-3 focus:py-2 focus:text-slate-900"
    >
      Skip to the lab
    </a>
  );
}

/**
 * On a phone the lab sits below the whole text: a bar at the bottom of the screen switches between the
 * two, and going back to the lesson returns to where the learner was reading.
 */
export function PhoneLabBar() {
  const { focusTerminal } = useLab();
  const readingAt = useRef<number | null>(null);
  const toLab = () => {
    const lab = document.getElementById(LAB_ID);
    if (lab && lab.getBoundingClientRect().top > 0) readingAt.current = window.scrollY;
    focusTerminal();
  };
  const toLesson = () => {
    window.scrollTo({ top: readingAt.current ?? 0 });
    readingAt.current = null;
  };
  return (
    <nav
      aria-label="Lesson and lab"
      className="fixed inset-x-0 bottom-0 z-40 flex border-t border-slate-700 bg-slate-900/95 text-sm text-slate-100 lg:hidden"
    >
      <button type="button" onClick={toLesson} className="flex-1 py-3 font-medium hover:bg-slate-800">
        Lesson
      </button>
      <button
        type="button"
        onClick={toLab}
        className="flex-1 border-l border-slate-700 py-3 font-medium hover:bg-slate-800"
      >
        Lab
      </button>
    </nav>
  );
}
