"use client";
import { useCallback } from "react";
import { getSettings, policyStatus } from "@/lib/cluster";
import { useLab } from "./LabContext";
import { useLoaded } from "./deferred/use-loaded";

/**
 * The policies in the lab as Cilium sees them: valid or not (an invalid policy enforces nothing), and the
 * traps that make a valid policy silently do nothing — which kubectl never prints.
 */
export function PoliciesView() {
  const { view } = useLab();
  const shell = view.shell;
  const read = useCallback(() => {
    if (!shell) return { policies: [], settings: null };
    const state = shell.cluster;
    return { policies: policyStatus(state), settings: getSettings(state) };
  }, [shell]);
  const { policies, settings } = useLoaded(read) ?? { policies: [], settings: null };
  if (!shell || !settings) return null;
  return (
    <div className="space-y-3 p-3 text-sm">
      <p className="text-xs text-slate-500">
        Policy enforcement mode <strong className="font-mono">{settings.enforcementMode}</strong> · host firewall{" "}
        <strong>{settings.hostFirewall ? "enabled" : "disabled"}</strong>
      </p>
      {policies.length === 0 ? (
        <p className="text-slate-500">No policies yet. Apply one and it shows up here with what Cilium thinks of it.</p>
      ) : (
        <ul className="space-y-2" aria-label="Policies">
          {policies.map((p) => (
            <li
              key={`${p.kind}/${p.namespace ?? ""}/${p.name}`}
              className="rounded-lg border border-slate-200 p-2 dark:border-slate-800"
            >
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs">
                  {p.kind} {p.namespace ? `${p.namespace}/` : ""}
                  {p.name}
                </span>
                <span
                  className={`rounded px-1.5 py-0.5 text-xs font-semibold ${
                    p.valid
                      ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"
                      : "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300"
                  }`}
                >
                  VALID {p.valid ? "True" : "False"}
                </span>
              </p>
              {!p.valid ? (
                <p className="mt-1 text-xs text-red-700 dark:text-red-300">
                  {p.message} — Cilium stores the policy but enforces none of it.
                </p>
              ) : null}
              {p.warnings.map((w) => (
                <p key={w} className="mt-1 text-xs text-amber-800 dark:text-amber-300">
                  ⚠ {w}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
