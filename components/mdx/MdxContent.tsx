import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";
import type { ReactNode } from "react";
import { mdxComponents } from "./mdx-components";

type MdxModule = { default: (props: { components: typeof mdxComponents }) => ReactNode };

const evaluated = new Map<string, MdxModule>();

/**
 * Evaluates mdx-bundler's output the way its `getMDXExport` does (the bundle expects `React`, `ReactDOM` and
 * `_jsx_runtime` in scope). Done here rather than through `mdx-bundler/client` so the server never loads
 * mdx-bundler at run time: only the build compiles MDX. The code is our own content, compiled at build time.
 */
function evaluate(code: string): MdxModule {
  let mod = evaluated.get(code);
  if (!mod) {
    const scope = { React, ReactDOM, _jsx_runtime: jsxRuntime };
    mod = new Function(...Object.keys(scope), code)(...Object.values(scope)) as MdxModule;
    evaluated.set(code, mod);
  }
  return mod;
}

/**
 * Renders compiled MDX (lib/content/mdx.ts) with Policy Lab's components, on the server. The compiled
 * module's default export is a plain function without hooks, so it is called rather than mounted as a
 * component created during render.
 */
export function MdxContent({ code }: { code: string }): ReactNode {
  return evaluate(code).default({ components: mdxComponents });
}
