import type { Logger } from '../logger';
import type { ClauseChange, ClauseTexts, Storage } from '../storage/Storage';
import type { RecordedWords } from './ClauseWords';

/** How often the records of the typing are written at most. */
const RECORDS_INTERVAL_MS = 1000;

/**
 * Prepares to read these clauses' plain text in the live text now (`clauseText`): the reader
 * gives one's text, or null when it no longer exists.
 */
export type ReadClauseTexts = (clauseIds: ReadonlySet<string>) => (clauseId: string) => string | null;

/**
 * The records kept about a draft's text, beside it: who changed which clause (the history, with
 * the words of each changed clause before and after the batch, so it can show what changed) and
 * when the text last changed (the draft's `updatedAt`, which the drafts list sorts by). Both are
 * written together at most once a second, and when the draft is unloaded, so a keystroke's commit
 * holds its log row alone; what cannot be written is kept for the next write. (The title's copy
 * is written with the log: see `UpdateLog`.)
 */
export class DraftRecords {
  private changedClauses = new Map<string | null, Set<string>>();
  private changedAt: Date | null = null;
  private timer: NodeJS.Timeout | null = null;

  /**
   * @param written each clause's text as the history last recorded it (all of them, read when
   *   the draft is loaded): the words "before" the next batch that changes the clause.
   */
  constructor(
    private readonly draftId: string,
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly readClauseTexts: ReadClauseTexts,
    private readonly written: RecordedWords,
  ) {}

  /** Notes what one applied transaction changed (`ids`: the clauses it touched) and who made it. */
  noteTransaction(ids: readonly string[], authorId: string | null): void {
    if (ids.length === 0) return;
    const set = this.changedClauses.get(authorId) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.changedClauses.set(authorId, set);
  }

  /**
   * Another instance changed these clauses (and records that change): their words now are where
   * the next change here starts from, unless a change here waits to be recorded for them.
   */
  noteElsewhere(ids: readonly string[]): void {
    const pending = new Set([...this.changedClauses.values()].flatMap((set) => [...set]));
    const read = this.readClauseTexts(new Set(ids.filter((id) => !pending.has(id))));
    for (const id of ids) {
      if (pending.has(id)) continue;
      const text = this.readAfter(id, read);
      if (text !== undefined) this.remember(id, text);
    }
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
    const texts = this.takeTexts(new Set([...this.changedClauses.values()].flatMap((ids) => [...ids])));
    // Two people changing one clause within a batch share its words before and after.
    const changes: ClauseChange[] = [...this.changedClauses].map(([authorId, ids]) => ({
      authorId,
      clauseIds: [...ids],
      texts: Object.fromEntries([...ids].flatMap((id) => (texts.has(id) ? [[id, texts.get(id)!]] : []))),
    }));
    this.changedClauses = new Map();
    try {
      await this.storage.appendClauseChanges(this.draftId, changes, new Date());
    } catch (error) {
      this.logger.error({ err: error }, 'writing the draft history failed; keeping it for the next write');
      for (const [id, { before }] of texts) this.remember(id, before);
      for (const { authorId, clauseIds } of changes) this.noteTransaction(clauseIds, authorId);
    }
  }

  /** The words before and after of each of these clauses whose words changed since last recorded, now recorded. */
  private takeTexts(ids: ReadonlySet<string>): Map<string, ClauseTexts> {
    const texts = new Map<string, ClauseTexts>();
    const read = this.readClauseTexts(ids);
    for (const id of ids) {
      const before = this.written.get(id) ?? null;
      const after = this.readAfter(id, read);
      if (after === undefined) continue;
      if (before === after) continue;
      texts.set(id, { before, after });
      this.remember(id, after);
    }
    return texts;
  }

  /** A clause's words now, or undefined when they cannot be read (the entry then records none for it). */
  private readAfter(id: string, read: (clauseId: string) => string | null): string | null | undefined {
    try {
      return read(id);
    } catch (error) {
      this.logger.warn({ err: error, clauseId: id }, 'the words of a changed clause cannot be read for the history');
      return undefined;
    }
  }

  private remember(id: string, text: string | null): void {
    if (text === null) this.written.delete(id);
    else this.written.set(id, text);
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
