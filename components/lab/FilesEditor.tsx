"use client";
import { useCallback, useEffect, useState } from "react";
import { useLab } from "./LabContext";
import { ImpactPreview } from "./editor/ImpactPreview";
import { onOpenRequest, takePendingOpen } from "./editor/open-file";
import { YamlEditor } from "./editor/YamlEditor";

const HOME = "/root/";

/** A path as the terminal would name it: `~/x.yaml` in the home directory, absolute elsewhere. */
const shown = (path: string): string => (path.startsWith(HOME) ? `~/${path.slice(HOME.length)}` : path);

/** The lab's home directory as an editor: open a file, change it, save it, or save and `kubectl apply` it. */
export function FilesEditor() {
  const { view, session, runCommand } = useLab();
  // Allow this, vi and kubectl edit may ask for a file before this tab has mounted.
  const [initial] = useState(() => takePendingOpen());
  const [selected, setSelected] = useState<string | null>(initial?.path ?? null);
  // kubectl edit's temp files: what their Apply runs
  const [applyWith, setApplyWith] = useState<Readonly<Record<string, string>>>(
    initial?.applyWith ? { [initial.path]: initial.applyWith } : {},
  );
  const files = Object.keys(view.shell?.files ?? {})
    .filter((p) => p.startsWith(HOME) || p === selected || applyWith[p] !== undefined)
    .sort();
  const [draft, setDraft] = useState<string>("");
  const [dirty, setDirty] = useState(false);
  const [newName, setNewName] = useState("");
  const current = selected ?? files[0] ?? null;
  const saved = current ? (view.shell?.files[current] ?? "") : "";
  const text = dirty ? draft : saved;
  const cluster = view.shell ? view.shell.cluster : null;
  const getState = useCallback(() => cluster, [cluster]);
  const isManifest = current !== null && /\.(ya?ml|json)$/.test(current);

  const open = (path: string) => {
    setSelected(path);
    setDirty(false);
  };
  useEffect(
    () =>
      onOpenRequest((request) => {
        takePendingOpen();
        setSelected(request.path);
        if (request.applyWith) setApplyWith((a) => ({ ...a, [request.path]: request.applyWith as string }));
        setDirty(false);
      }),
    [],
  );
  const save = () => {
    if (!current) return;
    session.writeFile(current, text);
    setDirty(false);
  };
  const create = () => {
    const name = newName.trim().replace(/^~\//, "");
    if (!/^[\w.-]+(\/[\w.-]+)*$/.test(name)) return;
    session.writeFile(HOME + name, "");
    setNewName("");
    open(HOME + name);
  };

  return (
    <div className="flex h-full min-h-0 flex-col sm:flex-row">
      <nav
        aria-label="Files in ~"
        className="shrink-0 border-b border-slate-200 p-2 text-sm sm:w-48 sm:border-r sm:border-b-0 dark:border-slate-800"
      >
        <ul className="space-y-0.5">
          {files.map((path) => (
            <li key={path}>
              <button
                type="button"
                onClick={() => open(path)}
                aria-current={path === current}
                className={`w-full truncate rounded px-2 py-1 text-left font-mono text-xs ${
                  path === current ? "bg-slate-200 dark:bg-slate-800" : "hover:bg-slate-100 dark:hover:bg-slate-900"
                }`}
              >
                {shown(path)}
              </button>
            </li>
          ))}
        </ul>
        <form
          className="mt-2 flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <input
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            placeholder="new-file.yaml"
            aria-label="New file name"
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1.5 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
          />
          <button className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-700">New</button>
        </form>
      </nav>
      {current ? (
        <div className="flex min-h-0 flex-1 flex-col">
          <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
            <div className="min-h-64 min-w-0 flex-1">
              <YamlEditor
                path={current}
                value={text}
                onChange={(t) => {
                  setDraft(t);
                  setDirty(t !== saved);
                }}
                getState={getState}
                label={`Contents of ${shown(current)}`}
              />
            </div>
            {isManifest ? (
              <div className="max-h-72 shrink-0 border-t border-slate-200 lg:max-h-none lg:w-80 lg:border-t-0 lg:border-l dark:border-slate-800">
                <ImpactPreview
                  text={text}
                  source={current.startsWith(HOME) ? current.slice(HOME.length) : current}
                  state={cluster}
                />
              </div>
            ) : null}
          </div>
          <div className="flex items-center gap-2 border-t border-slate-200 px-2 py-1.5 dark:border-slate-800">
            <span className="text-xs text-slate-500">{dirty ? "unsaved changes" : "saved"}</span>
            <button
              type="button"
              onClick={save}
              disabled={!dirty}
              className="ml-auto rounded border border-slate-300 px-2 py-1 text-xs disabled:opacity-40 dark:border-slate-700"
            >
              Save
            </button>
            <button
              type="button"
              onClick={() => {
                save();
                runCommand(applyWith[current] ?? `kubectl apply -f ${shown(current)}`);
              }}
              className="rounded bg-brand-400 px-2 py-1 text-xs font-semibold text-slate-900 hover:bg-brand-300"
            >
              Save and apply
            </button>
          </div>
        </div>
      ) : (
        <p className="p-4 text-sm text-slate-500">
          No files yet: create one, or write one in the terminal with cat &gt; file.yaml &lt;&lt;EOF.
        </p>
      )}
    </div>
  );
}
