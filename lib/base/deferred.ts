/**
 * Code the core needs only for some commands: the YAML parser (`kubectl apply`), the RE2 engine (L7 rules and
 * regex checks), the less common CLI tools, the cluster's operations (apply, connect, replay…) and the policy
 * compiler. The server, the scripts and the tests link it statically; the
 * browser fetches it the first time a command needs it, so a lesson page starts with less JavaScript.
 *
 * The core reaches such code through a `Deferred` (a `#name` import: package.json `imports` picks the static
 * binding, or the browser's loading one under the `browser` condition). A browser binding that has not
 * loaded yet throws `NotLoadedYet`. Core functions are pure over immutable state, so the caller waits for
 * `ready` and makes the same call again (`settle`): nothing half-done is ever kept.
 *
 * Core code must call a Deferred outside any `try` that turns exceptions into learner-facing errors.
 */
export type Deferred<T> = () => T;

export class NotLoadedYet extends Error {
  constructor(
    readonly module: string,
    readonly ready: Promise<unknown>,
  ) {
    super(`${module} is still loading`);
    this.name = "NotLoadedYet";
  }
}

/** More loads than this for one call means a binding that never becomes ready: report it, do not spin. */
const MAX_LOADS = 8;

/** Runs `fn`, first loading whatever deferred code it turns out to need; rejects if a load fails. */
export async function settle<T>(fn: () => T): Promise<T> {
  for (let loads = 0; ; loads++) {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof NotLoadedYet) || loads >= MAX_LOADS) throw error;
      await error.ready;
    }
  }
}

/** The injected sources of a run that a retry must see again exactly. */
export interface Replayable {
  readonly clock: () => number;
  readonly random: () => number;
}

/**
 * `settle` for a run that draws on a clock and randomness: each retry replays the values the interrupted
 * attempt drew, so its result is exactly what one uninterrupted run would have given (same uids, jitter,
 * timestamps).
 */
export function settleRun<D extends Replayable, T>(deps: D, fn: (deps: D) => T): Promise<T> {
  const clock = replaying(deps.clock);
  const random = replaying(deps.random);
  const replayed: D = { ...deps, clock: clock.next, random: random.next };
  return settle(() => {
    clock.rewind();
    random.rewind();
    return fn(replayed);
  });
}

function replaying(source: () => number): { next: () => number; rewind: () => void } {
  const drawn: number[] = [];
  let at = 0;
  return {
    next: () => {
      if (at === drawn.length) drawn.push(source());
      return drawn[at++] as number;
    },
    rewind: () => {
      at = 0;
    },
  };
}
