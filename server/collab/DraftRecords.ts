import type { Logger } from '../logger';
import type { ClauseChange, Storage } from '../storage/Storage';

/** How often the records of the typing are written at most. */
const RECORDS_INTERVAL_MS = 1000;

/**
 * The records kept about a draft's text, beside it: who changed which clause (the history) and
 * when the text last changed (the draft's `updatedAt`, which the drafts list sorts by). Both are
 * written together at most once a second, and when the draft is unloaded, so a keystroke's commit
 * holds its log row alone; what cannot be written is kept for the next write. (The title's copy
 * is written with the log: see `UpdateLog`.)
 */
export class DraftRecords {
  private changedClauses = new Map<string | null, Set<string>>();
  private changedAt: Date | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly draftId: string,
    private readonly storage: Storage,
    private readonly logger: Logger,
  ) {}

  /** Notes what one applied transaction changed (`ids`: the clauses it touched) and who made it. */
  noteTransaction(ids: readonly string[], authorId: string | null): void {
    if (ids.length === 0) return;
    const set = this.changedClauses.get(authorId) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.changedClauses.set(authorId, set);
  }

  /** The text changed at `at` (stored and applied): schedules the records. */
  noteApplied(at: Date): void {
    this.changedAt = at;
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
      this.logger.error({ err: error }, 'writing the draft history failed; keeping it for the next write');
      for (const { authorId, clauseIds } of changes) this.noteTransaction(clauseIds, authorId);
    }
  }

  private async writeDraft(): Promise<void> {
    const updatedAt = this.changedAt;
    this.changedAt = null;
    if (!updatedAt) return;
    try {
      await this.storage.updateDraft(this.draftId, { updatedAt });
    } catch (error) {
      this.logger.error({ err: error }, 'writing when the draft last changed failed; keeping it for the next write');
      this.changedAt ??= updatedAt;
    }
  }
}
