import type { TypingPace } from '../fanout/Writer';
import type { BigDraftSettings } from './seedBigDraft';

/** Everything about a storm run that is the same for every server. */
export interface StormSettings {
  /** The busy draft: people typing into it, and people watching it, as in the fan-out benchmark. */
  writers: number;
  readers: number;
  /** The storm: this many people open the large draft at the same moment. */
  joiners: number;
  /** Storms per measurement, every `stormIntervalMs`, the first `firstStormAtMs` after typing starts. */
  storms: number;
  stormIntervalMs: number;
  firstStormAtMs: number;
  /** Typing goes on this long after the last storm began, for the quiet stretch after it. */
  tailMs: number;
  /** Keystrokes per writer at the start, left out of every figure (the warm-up of the fan-out benchmark). */
  warmupKeystrokes: number;
  pace: TypingPace;
  /** How long a freshly started server is left idle (after the large draft is seeded) before the clients connect. */
  settleMs: number;
  /** How long after the last keystroke readers may still receive before the rest counts as lost. */
  drainTimeoutMs: number;
  readerWorkers: number;
  connectConcurrency: number;
  connectTimeoutMs: number;
  /** How long a joiner waits for the whole draft before it counts as not synced. */
  joinTimeoutMs: number;
  /**
   * A keystroke counts as idle only if sent and received at least this far from every storm; those
   * sent this long after a storm are its aftermath ("after cold storms"). Three seconds hold what a
   * cold load does after its newcomers have the text (building the server's two copies, 1–2 s).
   */
  guardMs: number;
  /** Seed of the writers' typing schedule; the same schedule is replayed against every server. */
  seed: number;
  bigDraft: BigDraftSettings;
  /** Before each measurement, wait up to `quietWaitMs` for other processes to use at most this much CPU (% of a core). */
  maxOtherCpuPercent: number;
  quietWaitMs: number;
}

/**
 * Six storms, two of each kind (see {@link stormKind}), ten seconds apart, the first 15 s into
 * the typing (after the 100 warm-up keystrokes, about 7.5 s, and a quiet stretch), and 10 s of
 * typing after the last: about 75 s of typing. Ten writers and fifty readers, the fan-out
 * benchmark's pace.
 */
export const FULL_STORM_SETTINGS: StormSettings = {
  writers: 10,
  readers: 50,
  joiners: 20,
  storms: 6,
  stormIntervalMs: 10_000,
  firstStormAtMs: 15_000,
  tailMs: 10_000,
  warmupKeystrokes: 100,
  pace: { minPauseMs: 50, maxPauseMs: 100 },
  settleMs: 45_000,
  drainTimeoutMs: 10_000,
  readerWorkers: 2,
  connectConcurrency: 25,
  connectTimeoutMs: 20_000,
  joinTimeoutMs: 60_000,
  guardMs: 3000,
  seed: 1,
  // 1,190 imported clauses are about 1,000,000 characters, the import API's limit; then sessions of
  // work until a newcomer receives 2 MiB (13 sessions, about 1,580 clauses and 1.3 million characters).
  bigDraft: { importedClauses: 1190, addedPerSession: 30, targetBytes: 2 * 1024 * 1024 },
  maxOtherCpuPercent: 20,
  quietWaitMs: 60_000,
};

/** Three storms (one of each kind) in about 19 s of typing, no settle: to check the harness, not to quote. */
export const QUICK_STORM_SETTINGS: StormSettings = {
  ...FULL_STORM_SETTINGS,
  storms: 3,
  stormIntervalMs: 5_000,
  firstStormAtMs: 4_000,
  guardMs: 1000,
  tailMs: 5_000,
  warmupKeystrokes: 10,
  settleMs: 0,
  drainTimeoutMs: 5_000,
  quietWaitMs: 10_000,
};

/** Keystrokes per writer, warm-up included, for typing to last through every storm and the tail. */
export function keystrokesPerWriter(settings: StormSettings): number {
  const typingMs = settings.firstStormAtMs + (settings.storms - 1) * settings.stormIntervalMs + settings.tailMs;
  return Math.ceil(typingMs / ((settings.pace.minPauseMs + settings.pace.maxPauseMs) / 2));
}

/** What the server has of the large draft when a storm begins. */
export type StormKind = 'cold' | 'warm' | 'edited';

/**
 * Storms take turns: `cold`, the large draft is not open on the server (its first joiner loads
 * it: a session opening); `warm`, someone has it open and it has not changed since the last
 * joiners came (latecomers); `edited`, someone has it open and has just changed it (latecomers
 * while the chair edits). After a cold storm one person stays in the draft until the edited
 * storm is over; half an interval before the edited storm they change a few words.
 */
export function stormKind(index: number): StormKind {
  return (['cold', 'warm', 'edited'] as const)[index % 3]!;
}
