import type { ComponentProps } from "react";
import { Callout } from "./Callout";
import { Cmd } from "./Cmd";
import { Details } from "./Details";
import { Objective } from "./Objective";
import { Quiz } from "./Quiz";
import { Reveal } from "./Reveal";

/** Typography for plain Markdown in lessons and briefs, plus the lesson components (content/README.md). */
export const mdxComponents = {
  h1: (p: ComponentProps<"h1">) => (
    <h1 className="mt-2 mb-4 text-3xl font-bold tracking-tight text-slate-900 dark:text-white" {...p} />
  ),
  h2: (p: ComponentProps<"h2">) => (
    <h2 className="mt-10 mb-3 text-2xl font-semibold text-slate-900 dark:text-white" {...p} />
  ),
  h3: (p: ComponentProps<"h3">) => (
    <h3 className="mt-8 mb-2 text-lg font-semibold text-slate-900 dark:text-white" {...p} />
  ),
  p: (p: ComponentProps<"p">) => <p className="my-4 leading-7" {...p} />,
  ul: (p: ComponentProps<"ul">) => <ul className="my-4 list-disc space-y-1.5 pl-6" {...p} />,
  ol: (p: ComponentProps<"ol">) => <ol className="my-4 list-decimal space-y-1.5 pl-6" {...p} />,
  li: (p: ComponentProps<"li">) => <li className="leading-7" {...p} />,
  a: (p: ComponentProps<"a">) => (
    <a
      className="font-medium text-amber-700 underline underline-offset-2 hover:text-amber-900 dark:text-brand-300"
      {...p}
    />
  ),
  blockquote: (p: ComponentProps<"blockquote">) => (
    <blockquote className="my-4 border-l-4 border-slate-300 pl-4 italic dark:border-slate-700" {...p} />
  ),
  code: (p: ComponentProps<"code">) => (
    <code
      className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.88em] dark:bg-slate-800 [pre_&]:bg-transparent [pre_&]:p-0"
      {...p}
    />
  ),
  pre: (p: ComponentProps<"pre">) => (
    <pre
      className="my-4 overflow-x-auto rounded-lg border border-slate-200 p-4 font-mono text-[0.85rem] leading-relaxed dark:border-slate-800"
      {...p}
    />
  ),
  table: (p: ComponentProps<"table">) => (
    <div className="my-5 overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" {...p} />
    </div>
  ),
  th: (p: ComponentProps<"th">) => (
    <th className="border-b-2 border-slate-300 px-3 py-2 font-semibold dark:border-slate-700" {...p} />
  ),
  td: (p: ComponentProps<"td">) => (
    <td className="border-b border-slate-200 px-3 py-2 align-top dark:border-slate-800" {...p} />
  ),
  hr: (p: ComponentProps<"hr">) => <hr className="my-8 border-slate-200 dark:border-slate-800" {...p} />,
  Callout,
  Cmd,
  Details,
  Objective,
  Quiz,
  Reveal,
};
