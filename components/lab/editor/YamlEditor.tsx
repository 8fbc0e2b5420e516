"use client";
import { useEffect, useRef } from "react";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { yaml } from "@codemirror/lang-yaml";
import { indentUnit } from "@codemirror/language";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { EditorView, minimalSetup } from "codemirror";
import type { ClusterState } from "@/lib/cluster";
import { settle } from "@/lib/base/deferred";
import { manifestCompletions } from "./completion";
import { manifestDiagnostics } from "./diagnostics";

export type YamlEditorProps = {
  /** The file's path (`/root/policy.yaml`): diagnostics name it as kubectl does (`policy.yaml`). */
  readonly path: string;
  readonly value: string;
  onChange(text: string): void;
  /** The cluster the diagnostics and completions are about (null while the lab starts). */
  getState(): ClusterState | null;
  readonly label: string;
};

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "0.8rem", backgroundColor: "transparent" },
  ".cm-scroller": { fontFamily: "var(--font-mono, ui-monospace, monospace)", lineHeight: "1.6" },
  ".cm-gutters": { backgroundColor: "transparent", borderRight: "1px solid rgb(148 163 184 / 0.3)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "rgb(148 163 184 / 0.12)" },
  "&.cm-focused": { outline: "2px solid rgb(56 189 248 / 0.6)", outlineOffset: "-2px" },
});

/** A CodeMirror 6 YAML editor whose diagnostics are `kubectl apply`'s own, on the current cluster. */
export function YamlEditor({ path, value, onChange, getState, label }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, getState, path });
  useEffect(() => {
    latest.current = { onChange, getState, path };
  });

  useEffect(() => {
    if (!host.current) return;
    const source = () => latest.current.path.replace(/^\/root\//, "");
    const lint = linter(
      async (v): Promise<Diagnostic[]> => {
        const state = latest.current.getState();
        if (!state) return [];
        const text = v.state.doc.toString();
        const ds = await settle(() => manifestDiagnostics(state, text, source()));
        const len = v.state.doc.length;
        return ds.map((d) => ({
          from: Math.min(d.from, len),
          to: Math.min(Math.max(d.to, d.from), len),
          severity: d.severity,
          message: d.message,
          source: d.source,
        }));
      },
      { delay: 30 },
    );
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          minimalSetup,
          lineNumbers(),
          highlightActiveLine(),
          highlightActiveLineGutter(),
          indentUnit.of("  "),
          EditorState.tabSize.of(2),
          yaml(),
          lintGutter(),
          lint,
          autocompletion({ override: [manifestCompletions(() => latest.current.getState())], activateOnTyping: true }),
          keymap.of(completionKeymap),
          theme,
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // One view per file: a new path is a new document (its own undo history).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);

  // A change from outside (Allow this, a shell write) replaces the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v) v.contentDOM.setAttribute("aria-label", label);
  }, [label]);

  return <div ref={host} data-testid="yaml-editor" className="h-full min-h-64 overflow-hidden" />;
}
