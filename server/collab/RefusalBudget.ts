import type { Redis } from 'ioredis';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { RefusalCode } from '../../shared/closeCodes';
import type { Refusal } from '../text/checkChange';

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
 * person may cost the servers at most `bytesPerMinute` of rebuilt text a minute, whichever drafts
 * and instances the refusals were on; past that, their changes are refused unread (never staged)
 * until the minute is over.
 *
 * The count is kept by `rate-limiter-flexible`, as the comment rate limit is: in this process, or
 * in Redis when several instances share it (if Redis cannot be reached, each counts on its own
 * until it can). Changes arrive many a second, so whether a person's budget is spent is answered
 * here, from what this instance learned: when it charged a refusal, and when the person connected.
 * Another instance's refusals count from that person's next connection here, or their next
 * refusal here, whichever comes first.
 *
 * An honest editor is refused rarely and starts over at most three times a minute
 * (`client/collab/restartBudget.ts`).
 */
export class RefusalBudget {
  private readonly limiter: RateLimiterAbstract;
  private readonly bytesPerMinute: number;
  /** When the spent budget of each person known to have spent it comes back (ms since the epoch). */
  private readonly spentUntil = new Map<string, number>();

  constructor(
    bytesPerMinute = REFUSAL_REBUILD_BYTES_PER_MINUTE,
    shared: { redis: Redis; prefix: string } | null = null,
  ) {
    this.bytesPerMinute = Math.max(1, Math.round(bytesPerMinute));
    const limit = { points: this.bytesPerMinute, duration: 60 };
    this.limiter = shared
      ? new RateLimiterRedis({
          ...limit,
          storeClient: shared.redis,
          keyPrefix: `${shared.prefix}refusal-rebuild-bytes`,
          insuranceLimiter: new RateLimiterMemory(limit),
        })
      : new RateLimiterMemory(limit);
  }

  /**
   * A refusal of `person`'s change made the server rebuild `bytes` of text. Resolves once it is
   * counted (the caller need not wait: it is counted in the background).
   */
  charge(person: string, bytes: number): Promise<void> {
    return this.limiter.penalty(person, Math.max(1, Math.round(bytes))).then(
      (result) => this.note(person, result),
      () => undefined,
    );
  }

  /** Learns what `person`'s refusals elsewhere cost (another instance's), before their connection is served. */
  async learn(person: string): Promise<void> {
    const result = await this.limiter.get(person).catch(() => null);
    if (result) this.note(person, result);
  }

  /** Whether `person` has used up the minute's budget: their changes are then refused unread. */
  isSpent(person: string): boolean {
    const until = this.spentUntil.get(person);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.spentUntil.delete(person);
    return false;
  }

  private note(person: string, result: RateLimiterRes): void {
    if (result.consumedPoints >= this.bytesPerMinute) this.spentUntil.set(person, Date.now() + result.msBeforeNext);
  }
}
