import type * as Y from 'yjs';
import { readDocumentTitle } from '../drafts/documentTitle';
import { mayChangeTitle } from '../drafts/touchedClauses';
import type { Logger } from '../logger';
import type { ClauseChange, Storage } from '../storage/Storage';

/** How often the records of the typing are written at most. */
const RECORDS_INTERVAL_MS = 1000;

/**
 * The records kept about a draft's text, beside it: who changed which clause (the history), when
 * the text last changed (the draft's `updatedAt`, which the drafts list sorts by) and its title.
 * History and `updatedAt` are written together at most once a second, and when the draft is
 * unloaded, so a keystroke's commit holds its log row alone; a new title is written at once.
 */
export class DraftRecords {
  private changedClauses = new Map<string | null, Set<string>>();
  private changedAt: Date | null = null;
  private titleMayHaveChanged = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly draftId: string,
    private readonly storage: Storage,
    private readonly logger: Logger,
    private title: string,
  ) {}

  /** Notes what one applied transaction changed (`ids`: the clauses it touched) and who made it. */
  noteTransaction(
    transaction: Y.Transaction,
    ids: readonly string[],
    authorId: string | null,
    fragment: Y.XmlFragment,
  ): void {
    if (!this.titleMayHaveChanged && mayChangeTitle(transaction, fragment)) this.titleMayHaveChanged = true;
    if (ids.length === 0) return;
    const set = this.changedClauses.get(authorId) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.changedClauses.set(authorId, set);
  }

  /** The text changed at `at` (stored and applied): re-reads the title if it may have changed, and schedules the records. */
  noteApplied(doc: Y.Doc, at: Date): void {
    this.changedAt = at;
    if (this.titleMayHaveChanged) {
      this.titleMayHaveChanged = false;
      const title = readDocumentTitle(doc);
      if (title !== this.title) {
        this.title = title;
        void this.writeDraft(title);
      }
    }
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, RECORDS_INTERVAL_MS);
    this.timer.unref();
  }

  /** Writes whatever is not written yet (on unload). */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.write();
  }

  private async write(): Promise<void> {
    await this.writeHistory();
    await this.writeDraft();
  }

  private async writeHistory(): Promise<void> {
    if (this.changedClauses.size === 0) return;
    const changes: ClauseChange[] = [...this.changedClauses].map(([authorId, ids]) => ({
      authorId,
      clauseIds: [...ids],
    }));
    this.changedClauses = new Map();
    try {
      await this.storage.appendClauseChanges(this.draftId, changes, new Date());
    } catch (error) {
      this.logger.error({ err: error }, 'writing the draft history failed');
    }
  }

  private async writeDraft(title?: string): Promise<void> {
    const updatedAt = this.changedAt;
    this.changedAt = null;
    if (!updatedAt && title === undefined) return;
    try {
      await this.storage.updateDraft(this.draftId, {
        ...(title === undefined ? {} : { title }),
        ...(updatedAt ? { updatedAt } : {}),
      });
    } catch (error) {
      this.logger.error({ err: error }, 'writing when the draft last changed failed');
    }
  }
}
