/** Everything about a trace run that is the same for every server and round. */
export interface TraceSettings {
  /** Transactions of the trace to replay from its start; undefined for all of them. */
  transactions: number | undefined;
  /** Transactions in flight at most (sent, not yet read back through the server). */
  window: number;
  /** Idle time after a server starts, before the clients connect (see the fan-out settings). */
  settleMs: number;
  /** A replay in which the follower takes in nothing for this long has failed. */
  stallTimeoutMs: number;
  connectTimeoutMs: number;
  /** After the replay, how long the server may go on working before its CPU is read anyway. */
  idleTimeoutMs: number;
  /** Before each measurement, wait up to this long for the machine to be idle (busy ≤ maxOtherCpuPercent). */
  quietWaitMs: number;
  maxOtherCpuPercent: number;
}

/** The whole trace, each transaction sent once the previous one came back, after the same 45 s settle as fan-out. */
export const FULL_TRACE_SETTINGS: TraceSettings = {
  transactions: undefined,
  window: 1,
  // A fresh Node server runs V8's start-up memory-reducer collections about 40 s after starting
  // (see FULL_SETTINGS in bench/fanout): CPU that is the server starting, not the replay.
  settleMs: 45_000,
  stallTimeoutMs: 30_000,
  connectTimeoutMs: 20_000,
  idleTimeoutMs: 15_000,
  quietWaitMs: 60_000,
  maxOtherCpuPercent: 20,
};

/** A few seconds per server, to check the harness, not to quote. */
export const QUICK_TRACE_SETTINGS: TraceSettings = {
  ...FULL_TRACE_SETTINGS,
  transactions: 500,
  settleMs: 0,
  quietWaitMs: 10_000,
};
