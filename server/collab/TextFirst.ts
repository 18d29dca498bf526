import type { ClientConnection } from './ClientConnection';
import type { WholeText } from './FullStateAnswer';
import { TurnQueue } from './TurnQueue';

/** How long a build waits at most for a text sent first to be handed to the operating system (a slow client's may take long). */
const WRITE_WAIT_MS = 500;

/**
 * Whether a waiting connection may be sent its draft's text: a check that holds while nothing about
 * access changes (tried again in the turn the text goes), or a decision to take again first.
 */
export interface ReadAccess {
  /** Whether its access, as decided, still holds: no change of access was made or heard since. */
  settled(): boolean;
  /**
   * Decides its access again, from what is stored now: the check that then holds, or null if it
   * may not read (or the decision failed).
   */
  decideAgain(): Promise<(() => boolean) | null>;
}

/** A connection waiting for its draft to load. */
interface Waiting {
  readonly connection: ClientConnection;
  readonly access: ReadAccess;
  /** Whether it asked for the whole text (a sync step 1 from an empty copy). */
  asked: boolean;
}

/** The connections waiting for one draft, and its text once the worker thread has read it. */
interface Arrivals {
  whole: WholeText | null;
  readonly waiting: Set<Waiting>;
}

/**
 * Sends newcomers a large draft's text as soon as the worker thread has read it, before this
 * thread builds its own copies of it (see `loadStoredText`). Building a 2 MiB draft here takes a
 * second or more, a couple of milliseconds a turn, while every other draft is served between the
 * turns; the newcomers do not need those copies to read the draft, only the text the worker has
 * already read, checked and framed. So they have it half the load sooner, and the build follows.
 * A stored state known sound (see `checkedStates`) is sent as soon as it is read, and checked after.
 *
 * Only a connection that asked for the whole text (its copy is empty; a browser with a copy of
 * its own is sent what it lacks once the draft is loaded) and whose access is settled is sent it,
 * one a turn as `FullStateAnswer` does. A connection whose access may have changed since it was
 * decided (a change made meanwhile, or, with other instances, made before this one heard the
 * draft's changes) has it decided again first, as it would be once the draft is loaded.
 *
 * Its changes wait for the draft as before: its frames are queued until the draft is loaded, and
 * its updates held until its sync step 2. Once loaded, the draft answers its sync step 1 with the
 * changes since that text (see `FullStateAnswer.sendTo`).
 */
export class TextFirst {
  private readonly drafts = new Map<string, Arrivals>();
  private readonly sends = new TurnQueue();
  /** Decisions of access still being taken, and texts sent and not yet handed to the operating system (see {@link sent}). */
  private readonly pending = new Set<Promise<void>>();

  /** `connection` waits for its draft to load; the returned function ends the wait (it attached, or gave up). */
  wait(connection: ClientConnection, access: ReadAccess): () => void {
    const { draftId } = connection;
    let arrivals = this.drafts.get(draftId);
    if (!arrivals) {
      arrivals = { whole: null, waiting: new Set() };
      this.drafts.set(draftId, arrivals);
    }
    const draft = arrivals;
    const waiting: Waiting = { connection, access, asked: false };
    draft.waiting.add(waiting);
    connection.whenAskingForWholeText(() => {
      waiting.asked = true;
      this.offer(draft, waiting);
    });
    return () => {
      connection.whenAskingForWholeText(null);
      draft.waiting.delete(waiting);
      if (draft.waiting.size === 0 && this.drafts.get(draftId) === draft) this.drafts.delete(draftId);
    };
  }

  /** The worker has read the draft: `whole` is sent to those waiting who asked for it. */
  read(draftId: string, whole: WholeText): void {
    const draft = this.drafts.get(draftId);
    if (!draft) return;
    draft.whole = whole;
    for (const waiting of draft.waiting) this.offer(draft, waiting);
  }

  /** The draft is loaded (or failed to load): those still waiting are answered by the draft itself. */
  loaded(draftId: string): void {
    const draft = this.drafts.get(draftId);
    if (draft) draft.whole = null;
  }

  /**
   * Resolves once every text offered so far has been sent (or dropped) and handed to the operating
   * system, or has waited {@link WRITE_WAIT_MS} for it: what a build gives way to. A 2 MiB message
   * leaves a socket in pieces, each written by this thread as the last is taken; a build's turns
   * and their collections would hold them up, and the newcomers would wait for the build after all.
   */
  async sent(): Promise<void> {
    do {
      await Promise.all(this.pending);
      await this.sends.drained();
    } while (this.pending.size > 0);
  }

  private offer(draft: Arrivals, waiting: Waiting): void {
    const whole = draft.whole;
    if (whole === null || !waiting.asked) return;
    if (waiting.access.settled()) {
      this.send(draft, waiting, whole, () => waiting.access.settled());
      return;
    }
    this.track(
      waiting.access.decideAgain().then(
        (holds) => {
          if (holds) this.send(draft, waiting, whole, holds);
        },
        () => undefined,
      ),
    );
  }

  /** Keeps `pending` among what {@link sent} waits for until it settles. */
  private track(pending: Promise<void>): void {
    this.pending.add(pending);
    void pending.finally(() => this.pending.delete(pending));
  }

  /** Sends `whole` in a turn of its own, if `holds` then and the connection is still waiting. */
  private send(draft: Arrivals, waiting: Waiting, whole: WholeText, holds: () => boolean): void {
    this.sends.push(() => {
      const { connection } = waiting;
      // Checked in the turn it goes: a removal or a sign-out may have come since it was offered.
      if (!draft.waiting.has(waiting) || draft.whole !== whole || connection.isClosed || !holds()) return;
      let written = (): void => undefined;
      const writing = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, WRITE_WAIT_MS);
        written = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.track(writing);
      connection.sendWholeText(whole, () => written());
    });
  }
}
