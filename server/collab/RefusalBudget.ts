import { RefusalCode } from '../../shared/closeCodes';
import type { Refusal } from '../text/checkChange';

/** How long a refusal's cost counts against its sender. */
const WINDOW_MS = 60_000;

/** The default budget: ten rebuilds of a 2 MiB draft, about three thousand of a small one. */
export const REFUSAL_REBUILD_BYTES_PER_MINUTE = 20 * 1024 * 1024;

/** Told to someone whose budget is spent, for every change until it comes back. */
export const REFUSED_TOO_OFTEN: Refusal = {
  code: RefusalCode.RefusedTooOften,
  reason:
    'After so many refused changes the server takes none from you for up to a minute; this one was not applied. ' +
    'Reload the page then.',
};

/**
 * A refused or unreadable change costs the server a rebuild of the draft's staging copy (see
 * `ChangeGate`): the whole text encoded and applied again on the thread that serves every draft,
 * about a millisecond for a small draft and 30–100 ms for one of 1.5 MiB. A client that sends
 * refused changes over and over, on a fresh connection each time, could hold up everyone. So each
 * person may cost the server at most `bytesPerMinute` of rebuilt text a minute, whichever drafts
 * the refusals were on (one budget per registry, so it outlasts a draft's unloading); past that,
 * their changes are refused unread (never staged) until the minute is over.
 *
 * An honest editor is refused rarely and starts over at most three times a minute
 * (`client/collab/restartBudget.ts`).
 */
export class RefusalBudget {
  /** Each person's rebuilds in the last minute: when, and how many bytes. */
  private readonly spent = new Map<string, { at: number; bytes: number }[]>();

  constructor(
    private readonly bytesPerMinute = REFUSAL_REBUILD_BYTES_PER_MINUTE,
    private readonly now: () => number = Date.now,
  ) {}

  /** A refusal of `person`'s change made the server rebuild `bytes` of text. */
  charge(person: string, bytes: number): void {
    const recent = this.recent(person);
    recent.push({ at: this.now(), bytes });
    this.spent.set(person, recent);
  }

  /** Whether `person` has used up the minute's budget: their changes are then refused unread. */
  isSpent(person: string): boolean {
    if (!this.spent.has(person)) return false;
    const recent = this.recent(person);
    if (recent.length === 0) this.spent.delete(person);
    return recent.reduce((total, entry) => total + entry.bytes, 0) >= this.bytesPerMinute;
  }

  private recent(person: string): { at: number; bytes: number }[] {
    const since = this.now() - WINDOW_MS;
    return (this.spent.get(person) ?? []).filter((entry) => entry.at > since);
  }
}
