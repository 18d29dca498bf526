import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { recordCheckedState } from '../collab/checkedStates';
import { readOrLocate, storedTextOf } from '../collab/loadStoredText';
import { type ReaderOptions, type StoredText, readInPiecesOffThread } from '../collab/readInPiecesOffThread';
import { applyStoredText } from '../collab/UpdateLog';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import { validateDocument } from '../text/validateDocument';

/** What the start-up check found. */
export interface StoredDraftsReport {
  checked: number;
  /** Drafts whose problems lost no words and were mended (unknown attributes or formatting, data outside the text). */
  repaired: string[];
  /** Drafts whose text cannot be read: read-only until the chair restores a good state. */
  unreadable: string[];
}

/**
 * Whether a large draft's text is read and found sound on the worker thread (see
 * `readInPiecesOffThread`, which is handed the bytes or reads them from the SQLite file), so the
 * thread serving people is not held up for half a second by each. False for one the worker has
 * doubts about: it is checked here.
 */
async function soundOffThread(draftId: string, stored: StoredText, logger: Logger): Promise<boolean> {
  // In one step: only the verdict is wanted.
  const inOneStep = Number.MAX_SAFE_INTEGER;
  const reading = await readInPiecesOffThread(stored, inOneStep).catch((error: unknown) => {
    logger.error({ err: error }, 'checking a stored draft on the worker thread failed; checking it here');
    return null;
  });
  // A sound stored state is sent to the first newcomers once read, not once checked again (see `checkedStates`).
  if (reading?.stateDigest) recordCheckedState(draftId, reading.stateDigest);
  return reading !== null;
}

/**
 * Checks every stored draft against the editor schema when the server starts, one at a time (a
 * large one on the worker thread, which is then ready for its loads), and reports what it finds.
 * Drafts that can be mended without losing words are loaded once, which mends them (see
 * `SharedDocument.load`); unreadable ones are named in the log, so the secretariat learns of them
 * before a delegate opens one.
 */
export async function checkStoredDrafts(
  storage: Storage,
  registry: DocumentRegistry,
  logger: Logger,
  reader: ReaderOptions = {},
): Promise<StoredDraftsReport> {
  const schema = draftSchema();
  const report: StoredDraftsReport = { checked: 0, repaired: [], unreadable: [] };
  const drafts = [
    ...(await storage.listDrafts({ archived: false })),
    ...(await storage.listDrafts({ archived: true })),
  ];
  for (const draft of drafts) {
    // A large text in the SQLite file is read there by the worker, not here (see `sqliteDocumentFile`).
    const source = storedTextOf(storage, draft.id);
    const text = await readOrLocate(source, reader);
    report.checked++;
    if ('large' in text && (await soundOffThread(draft.id, text.large, logger))) continue;
    // The worker has the bytes it was handed, if any.
    const stored = 'small' in text ? text.small : await source.read();
    const doc = new Y.Doc();
    applyStoredText(doc, stored.state, stored.updates, logger.child({ draftId: draft.id }));
    const problems = validateDocument(doc, schema, DOCUMENT_FIELD);
    doc.destroy();
    if (problems.length === 0) continue;
    const messages = problems.map((problem) => problem.message);
    if (problems.some((problem) => problem.repair === undefined)) {
      report.unreadable.push(draft.id);
      logger.error(
        { draftId: draft.id, problems: messages },
        'a stored draft cannot be read; its chair can restore the last good state',
      );
    } else {
      await registry.withDocument(draft.id, async () => undefined);
      report.repaired.push(draft.id);
      logger.warn({ draftId: draft.id, problems: messages }, 'mended a stored draft that broke the schema');
    }
  }
  logger.info(
    { checked: report.checked, repaired: report.repaired.length, unreadable: report.unreadable.length },
    'checked the stored drafts',
  );
  return report;
}
