"use client";
import { useEffect, useState, type ComponentType } from "react";

/**
 * A view whose code is fetched when it is first wanted (or `preload`ed: on hover, or once the lab is in use),
 * so the lesson page does not ship it up front. Not React.lazy: React holds a resolved Suspense boundary back
 * for ~300 ms, which a tab that is already fetched should not pay.
 */
export function lazyView(load: () => Promise<ComponentType>): ComponentType & { preload(): Promise<unknown> } {
  let loaded: ComponentType | undefined;
  let pending: Promise<ComponentType> | undefined;
  const preload = () => {
    pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined; // try again next time
        throw error;
      },
    );
    return pending;
  };
  function LazyView() {
    const [View, setView] = useState<ComponentType | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (View) return;
      let live = true;
      preload().then(
        (component) => live && setView(() => component),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [View]);
    if (View) return <View />;
    return (
      <p className="p-4 text-sm text-slate-500">
        {failed ? "This view could not be loaded: check the connection and open the tab again." : "Loading…"}
      </p>
    );
  }
  return Object.assign(LazyView, { preload });
}
