import { getMDXComponent } from "mdx-bundler/client";
import type { ReactNode } from "react";
import { mdxComponents } from "./mdx-components";

/**
 * Renders compiled MDX (lib/content/mdx.ts) with Policy Lab's components, on the server. The compiled
 * module's default export is a plain function without hooks, so it is called rather than mounted as a
 * component created during render.
 */
export function MdxContent({ code }: { code: string }): ReactNode {
  const render = getMDXComponent(code) as unknown as (props: { components: typeof mdxComponents }) => ReactNode;
  return render({ components: mdxComponents });
}
