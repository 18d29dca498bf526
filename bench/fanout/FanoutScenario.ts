import type { TypingPace } from './Writer';

/** One fan-out shape: how many people type into one draft while how many others watch it. */
export interface FanoutScenario {
  /** Short label used in flags and tables, e.g. `10x200`. */
  name: string;
  writers: number;
  readers: number;
  /**
   * Settings this shape needs instead of the run's (full and quick apart): a plenary has fifty
   * times the keystrokes of one writer and five times the readers, so it types fewer keystrokes
   * each and waits longer for connections and for the rest to arrive. Flags still win.
   */
  full?: Partial<FanoutSettings>;
  quick?: Partial<FanoutSettings>;
  /** The p99 the issue asks of Accord in this shape, with everything delivered, if it names one (ms). */
  p99TargetMs?: number;
}

/**
 * A keystroke every 2–3 s per writer: 20 a second in all. Every keystroke costs the benchmark's
 * clients 30–70 µs at each of the 550 connections (taking in the message, applying the update,
 * observing the change), 17–39 ms of CPU in all; at the other scenarios' pace (650 a second) that
 * is 11–25 cores, and on a two-core machine the figures would be the clients' own queue whatever
 * the server did. At 20 a second the clients need a third to three quarters of a core, and what is left
 * to measure is the server. `--pace` sets another.
 */
const PLENARY_PACE: TypingPace = { minPauseMs: 2000, maxPauseMs: 3000 };

/**
 * A plenary: 50 delegations typing while 500 people watch, every keystroke relayed to 549 other
 * connections. A server that falls behind can take tens of seconds per keystroke here; the drain
 * timeout bounds how long the run waits for it, and what had not arrived by then counts as not
 * delivered (latency percentiles are over what did arrive).
 */
const PLENARY: FanoutScenario = {
  name: '50x500',
  writers: 50,
  readers: 500,
  full: {
    pace: PLENARY_PACE,
    // 5 + 20 keystrokes each: 1,250 keystrokes in about a minute, 500,000 measured pairs.
    warmupKeystrokes: 5,
    keystrokesPerWriter: 20,
    drainTimeoutMs: 60_000,
    connectConcurrency: 50,
    connectTimeoutMs: 60_000,
  },
  quick: {
    pace: PLENARY_PACE,
    warmupKeystrokes: 2,
    keystrokesPerWriter: 6,
    drainTimeoutMs: 20_000,
    connectConcurrency: 50,
    connectTimeoutMs: 60_000,
  },
  p99TargetMs: 250,
};

/** The scenarios the issue asks for, in the order they run. */
export const FANOUT_SCENARIOS: readonly FanoutScenario[] = [
  { name: '1x100', writers: 1, readers: 100 },
  { name: '10x200', writers: 10, readers: 200 },
  PLENARY,
];

/** Everything about a fan-out run that is the same for every scenario and server. */
export interface FanoutSettings {
  /** Measured keystrokes per writer (after the warm-up). */
  keystrokesPerWriter: number;
  /** Keystrokes per writer sent first and left out of the figures (JIT warm-up, first allocations). */
  warmupKeystrokes: number;
  /**
   * How long a freshly started server is left idle before the clients connect. A Node process
   * cleans up after its start-up once, some seconds later: V8's memory reducer runs up to three
   * full garbage collections about 8 s after the start-up's last one (`node --trace-gc` shows them
   * as "Mark-Compact (reduce)"). Without the wait they land in the typing, and what is measured is
   * the server's start, not its fan-out. Every server gets the same wait.
   */
  settleMs: number;
  pace: TypingPace;
  /** How long after the last keystroke readers may still receive before the rest counts as lost. */
  drainTimeoutMs: number;
  /** Worker threads the readers are spread over. */
  readerWorkers: number;
  connectConcurrency: number;
  connectTimeoutMs: number;
  /** Seed of the writers' typing schedule; the same schedule is replayed against every server. */
  seed: number;
  /**
   * A measurement during which other processes used more than this much CPU (% of one core) is
   * taken again, up to `maxAttempts` times in all, and the quietest attempt is kept. The
   * development machines are shared, and a test run beside the benchmark shows up as latency.
   */
  maxOtherCpuPercent: number;
  maxAttempts: number;
  /** Before each attempt, wait up to this long for the machine to be idle (busy ≤ maxOtherCpuPercent). */
  quietWaitMs: number;
}

/** Full settings: about 37 s of typing per scenario and server: 100 warm-up and 400 measured keystrokes per writer. */
export const FULL_SETTINGS: FanoutSettings = {
  keystrokesPerWriter: 400,
  // About 7 s of typing before the measured keystrokes. In the first seconds after everyone has
  // joined, every reader's p99 is 8–12 ms against about 5 afterwards, with either server: the
  // readers' and the servers' code is still being optimised and the connections' garbage
  // collected. That is joining, not fan-out; it is still reported (`fromFirstKeystroke`).
  warmupKeystrokes: 100,
  // A Node server cleans up after its start-up once it is idle: V8's memory reducer runs up to three
  // full collections, on Accord's heap 7–25 ms pauses each. An idle Accord server does it about
  // 40 s after starting (`node --trace-gc`), the reference about 8 s. Inside the typing that is
  // start-up, not fan-out; a server in use has long finished it.
  settleMs: 45_000,
  pace: { minPauseMs: 50, maxPauseMs: 100 },
  drainTimeoutMs: 10_000,
  readerWorkers: 2,
  connectConcurrency: 25,
  connectTimeoutMs: 20_000,
  seed: 1,
  maxOtherCpuPercent: 20,
  maxAttempts: 3,
  quietWaitMs: 60_000,
};

/** Quick settings: the same shapes for a few seconds each, to check the harness, not to quote. */
export const QUICK_SETTINGS: FanoutSettings = {
  ...FULL_SETTINGS,
  keystrokesPerWriter: 60,
  warmupKeystrokes: 10,
  settleMs: 0,
  drainTimeoutMs: 5_000,
  maxAttempts: 1,
  quietWaitMs: 10_000,
};

/**
 * The settings one scenario runs with: the run's full or quick settings, then the scenario's own,
 * then what the command line says (which wins, so `--keystrokes 50` means 50 in every shape).
 */
export function scenarioSettings(
  scenario: FanoutScenario,
  quick: boolean,
  overrides: Partial<FanoutSettings>,
): FanoutSettings {
  return { ...(quick ? QUICK_SETTINGS : FULL_SETTINGS), ...(quick ? scenario.quick : scenario.full), ...overrides };
}
