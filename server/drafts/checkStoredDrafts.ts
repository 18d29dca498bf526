import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
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
 * Checks every stored draft against the editor schema when the server starts, one at a time,
 * and reports what it finds. Drafts that can be mended without losing words are loaded once,
 * which mends them (see `SharedDocument.load`); unreadable ones are named in the log, so the
 * secretariat learns of them before a delegate opens one.
 */
export async function checkStoredDrafts(
  storage: Storage,
  registry: DocumentRegistry,
  logger: Logger,
): Promise<StoredDraftsReport> {
  const schema = draftSchema();
  const report: StoredDraftsReport = { checked: 0, repaired: [], unreadable: [] };
  const drafts = [
    ...(await storage.listDrafts({ archived: false })),
    ...(await storage.listDrafts({ archived: true })),
  ];
  for (const draft of drafts) {
    const stored = await storage.loadDocument(draft.id);
    const doc = new Y.Doc();
    applyStoredText(doc, stored.state, stored.updates, logger.child({ draftId: draft.id }));
    const problems = validateDocument(doc, schema, DOCUMENT_FIELD);
    doc.destroy();
    report.checked++;
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
