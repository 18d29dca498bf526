import type * as Y from 'yjs';
import { stampClauseStatus } from '../drafts/clauseStatus';
import { changesStructure, statusChanges } from '../drafts/touchedClauses';
import type { Logger } from '../logger';

/** What {@link UpkeepOptions.maintain} is given after changes were applied. */
export interface MaintainContext {
  draftId: string;
  /** The newest text (what is stored, and any admitted change on its way there). */
  doc: Y.Doc;
  /** Runs a change on `doc` as the server (stored and relayed like any other). */
  writeAsServer: (change: () => void) => void;
  /** Clauses changed since the last time (empty right after loading). */
  changedClauseIds: ReadonlySet<string>;
  /** Whether elements or attributes may have changed since the last time (true right after loading). */
  structureChanged: boolean;
}

/** What keeps a draft's text consistent after changes, from outside the collab core. */
export interface UpkeepOptions {
  /**
   * Keeps the text consistent after changes are applied (for example, repairs duplicate clause
   * ids, moves comment anchors). Its writes are server changes, stored and relayed like any other.
   */
  maintain?: (context: MaintainContext) => void;
}

/**
 * The last stage of a change: after it is stored, relayed and applied, record on the clause who
 * agreed it (or reopened it) and when, and let `maintain` keep the text consistent. Server changes
 * are written through `write`, on the newest text.
 */
export class Upkeep {
  private changedClauseIds = new Set<string>();
  private structureChanged = true;
  /** Clauses whose status a client set since the last run, with who set it. */
  private stamps = new Map<string, string>();

  constructor(
    private readonly draftId: string,
    private readonly logger: Logger,
    private readonly options: UpkeepOptions,
    /** The newest text, which `maintain` reads and writes. */
    private readonly newestText: () => Y.Doc,
    private readonly write: (change: (doc: Y.Doc) => void) => Promise<void>,
  ) {}

  /**
   * Notes one change applied to the live text: `ids` are the clauses it touched, `setBy` names the
   * person when a client made it.
   */
  note(transaction: Y.Transaction, ids: readonly string[], setBy: string | null): void {
    if (!this.structureChanged && changesStructure(transaction)) this.structureChanged = true;
    for (const id of ids) this.changedClauseIds.add(id);
    if (setBy !== null) for (const id of statusChanges(transaction)) this.stamps.set(id, setBy);
  }

  /** Runs after changes were applied at `at`. */
  run(at: Date): void {
    if (this.stamps.size > 0) {
      const stamps = this.stamps;
      this.stamps = new Map();
      this.write((doc) => stampClauseStatus(doc, stamps, at)).catch((error: unknown) =>
        this.logger.error({ err: error }, 'recording who changed a clause status failed'),
      );
    }
    const changedClauseIds = this.changedClauseIds;
    const structureChanged = this.structureChanged;
    this.changedClauseIds = new Set();
    this.structureChanged = false;
    try {
      this.options.maintain?.({
        draftId: this.draftId,
        doc: this.newestText(),
        writeAsServer: (change) =>
          void this.write(() => change()).catch((error: unknown) =>
            this.logger.error({ err: error }, 'a repair of the draft text could not be stored'),
          ),
        changedClauseIds,
        structureChanged,
      });
    } catch (error) {
      this.logger.error({ err: error }, 'maintaining the draft text failed');
    }
  }
}
