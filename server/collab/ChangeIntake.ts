import { CloseCode } from '../../shared/closeCodes';
import { can } from '../../shared/roles';
import type { Logger } from '../logger';
import type { ClientClaim } from '../storage/DocumentLogStorage';
import type { Refusal } from '../text/checkChange';
import { READ_ONLY_REFUSAL, UNREADABLE_REFUSAL } from '../text/checkChange';
import type { ChangeGate } from './ChangeGate';
import type { ClientConnection } from './ClientConnection';
import { authorOf } from './ConnectionAccess';
import { FlushPacer } from './FlushPacer';
import { REFUSED_TOO_OFTEN, type RefusalBudget } from './RefusalBudget';
import { isEmptyUpdate } from './updates';

/**
 * Updates a connection may send between two flushes before it is no longer read until the next
 * one. A person typing sends one or two; only a flood (a script, a replay) reaches it. What such a
 * connection sends meanwhile waits in the kernel, and is then read in one go instead of a few
 * updates at a time, each read costing a wake-up of the thread: measured on the seph-blog1 trace
 * in BENCHMARKS.md. It also keeps one connection from taking the thread from everyone else.
 */
export const PAUSE_READING_AFTER = 8;

/** What the draft does with the intake's verdicts. */
export interface IntakeHandlers<Change> {
  /** Why the stored text cannot be read, or null. */
  unreadable(): string | null;
  /**
   * `connection`'s change was admitted (`effect`, what it did to the staged text; `claims`, to store
   * with it): it is in flight from now on, since a refusal later in the same flush rebuilds the
   * staging copy with it.
   */
  admitted(effect: Uint8Array, connection: ClientConnection, claims: ClientClaim[]): Change;
  /** The changes admitted in one flush, to be stored, relayed and applied together. */
  commit(changes: Change[]): void;
}

/**
 * The first stage of a change: what the connections of a draft send is gathered, a turn (or a
 * paced interval, {@link FlushPacer}) at a time, and judged by the {@link ChangeGate}, one change
 * per connection; a refused one's sender is told, an unreadable one's connection closed. Changes
 * wait while the staging copy is still being built (a large draft just loaded).
 *
 * A refusal costs a rebuild of the staging copy; each person's rebuilds are counted against a
 * {@link RefusalBudget}, and once it is spent their changes are refused before they are read.
 */
export class ChangeIntake<Change> {
  /** Updates received since the last flush, by connection, in the order they arrived. */
  private incoming = new Map<ClientConnection, Uint8Array[]>();
  /** Connections not read until the next flush (see {@link PAUSE_READING_AFTER}). */
  private readonly paused = new Set<ClientConnection>();
  private readonly pacer = new FlushPacer(() => this.flushPaced());
  constructor(
    private readonly gate: ChangeGate,
    private readonly handlers: IntakeHandlers<Change>,
    private readonly logger: Logger,
    private readonly refusals: RefusalBudget,
  ) {}

  /** Why a connection's changes are refused as they arrive, whatever they are; null when they are judged. */
  refusalFor(connection: ClientConnection): Refusal | null {
    if (this.handlers.unreadable() !== null) return UNREADABLE_REFUSAL;
    if (!can(connection.access.role, 'draft:edit-text')) return READ_ONLY_REFUSAL;
    return this.refusals.isSpent(connection.access.userId) ? REFUSED_TOO_OFTEN : null;
  }

  /** An update from `connection`: judged at the next flush, or refused now. */
  receive(connection: ClientConnection, update: Uint8Array): void {
    if (connection.refused || isEmptyUpdate(update)) return;
    const refusal = this.refusalFor(connection);
    if (refusal !== null) {
      connection.refuse(refusal);
      return;
    }
    const updates = this.incoming.get(connection);
    if (!updates) this.incoming.set(connection, [update]);
    else if (updates.push(update) === PAUSE_READING_AFTER) {
      this.paused.add(connection);
      connection.pauseReading();
    }
    this.pacer.schedule();
  }

  /** Judges what arrived so far now, rather than at the paced flush (once the staging copy is there). */
  async flushNow(): Promise<void> {
    await this.gate.ready;
    if (this.incoming.size > 0) this.flush();
  }

  /** The paced flush: what paused connections sent meanwhile is read first, and goes with it. */
  private flushPaced(): void {
    if (this.paused.size === 0) {
      this.flush();
      return;
    }
    this.resumeReading();
    // Immediates run after the event loop has polled the sockets, so what they held is received by then.
    setImmediate(() => this.flush());
  }

  private resumeReading(): void {
    for (const connection of this.paused) connection.resumeReading();
    this.paused.clear();
  }

  private flush(): void {
    this.resumeReading();
    if (!this.gate.isReady) {
      // Judged once the staging copy is built; a flush scheduled meanwhile finds them taken.
      void this.gate.ready.then(() => this.incoming.size > 0 && this.flush());
      return;
    }
    const batch = this.incoming;
    this.pacer.flushing([...batch.values()].reduce((total, updates) => total + updates.length, 0));
    this.incoming = new Map();
    const admitted: Change[] = [];
    for (const [connection, updates] of batch) {
      if (connection.refused) continue;
      // What one connection sent in a turn is judged as one change: after a refusal the rest would be dropped anyway.
      const { access } = connection;
      const rebuilt = this.gate.rebuiltBytes;
      const admission = this.gate.admit(updates, {
        role: access.role,
        owner: connection,
        author: authorOf(access),
        pillars: access.pillars,
      });
      if (this.gate.rebuiltBytes > rebuilt) void this.refusals.charge(access.userId, this.gate.rebuiltBytes - rebuilt);
      if (admission.kind === 'malformed') {
        this.logger.warn({ err: admission.error, connection: connection.id }, 'an update could not be applied');
        connection.close(CloseCode.InvalidUpdate, 'update could not be applied');
      } else if (admission.kind === 'refused') {
        connection.refuse(admission.refusal);
      } else if (admission.effect !== null) {
        admitted.push(this.handlers.admitted(admission.effect, connection, admission.claims));
      }
    }
    if (admitted.length > 0) this.handlers.commit(admitted);
  }
}
