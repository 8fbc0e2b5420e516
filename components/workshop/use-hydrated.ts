import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated, then true. The workshop forms submit through
 * `fetch`; before hydration a click would submit the form natively (a GET that puts the name, or the password,
 * in the URL and reloads the page), so their submit buttons stay disabled until this is true.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
