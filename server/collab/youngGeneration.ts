import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Collects V8's young generation now (a scavenge), or does nothing where the runtime refuses.
 *
 * A large draft's text is built on the thread that serves every draft, a few milliseconds a turn
 * (`applyInTurns`), and all of it survives. Left to itself, V8 lets the young generation grow to
 * 16 MiB a half and then copies everything in it at once: pauses of 10 to 33 ms in which no
 * other draft's keystroke is relayed. Collected after each turn, it holds only that turn's
 * objects, and each pause is a few milliseconds, taken in the turn the build already holds.
 * The same objects are copied either way; only the size of each pause changes. Measured in
 * BENCHMARKS.md ("The initial-sync storm").
 *
 * `--expose-gc` set at run time gives only new contexts a `gc` function; the server's own
 * context is left as it is.
 */
function youngCollector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') return () => gc({ type: 'minor' });
  } catch {
    // Not allowed here: the young generation is collected when V8 decides.
  }
  return () => undefined;
}

export const collectYoungGeneration: () => void = youngCollector();
