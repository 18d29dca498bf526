import { CYBER_PILLARS } from '../../shared/pillars';
import pino from 'pino';
import * as Y from 'yjs';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import type { StoredDocument } from '../storage/Storage';
import { sectionElement } from './collabClient';

/**
 * Reaching past the server to its stored text, for tests of drafts stored before the server
 * checked every change: read a draft's text straight from the database, and write changes to its
 * log that no check has seen. Only while no server has the data directory open.
 */

/** A draft's text as `loadDocument` gives it (its state row, then its log), in a document of its own. */
export function storedDoc(stored: Pick<StoredDocument, 'state' | 'updates'>): Y.Doc {
  const doc = new Y.Doc();
  for (const update of [...(stored.state ? [stored.state] : []), ...stored.updates]) Y.applyUpdate(doc, update);
  return doc;
}

/** The first listed draft's id and stored text. */
export async function readStoredDraft(dataDir: string): Promise<{ draftId: string; doc: Y.Doc }> {
  const storage = await openSqliteStorage(dataDir, { logger: pino({ level: 'silent' }) });
  try {
    const draftId = (await storage.listDrafts({ archived: false }))[0]!.id;
    const stored = await storage.loadDocument(draftId);
    return { draftId, doc: storedDoc(stored) };
  } finally {
    await storage.close();
  }
}

/** A draft's stored text, read straight from the database (state row and log together). */
export async function readStoredText(dataDir: string, draftId: string): Promise<Y.Doc> {
  const storage = await openSqliteStorage(dataDir, { logger: pino({ level: 'silent' }) });
  try {
    const stored = await storage.loadDocument(draftId);
    return storedDoc(stored);
  } finally {
    await storage.close();
  }
}

/**
 * Stores a new draft with `state` as its text, chaired by the person with `chairEmail`, as an
 * earlier version of the server stored it: for tests of drafts written in an older shape.
 */
export async function storeDraftText(
  dataDir: string,
  draft: { id: string; title: string; chairEmail: string },
  state: Uint8Array,
): Promise<void> {
  const storage = await openSqliteStorage(dataDir, { logger: pino({ level: 'silent' }) });
  try {
    const chair = await storage.getUserByEmail(draft.chairEmail);
    if (!chair) throw new Error(`no user ${draft.chairEmail}`);
    await storage.createDraft(
      { id: draft.id, title: draft.title, createdAt: new Date(), chairId: chair.id, pillars: CYBER_PILLARS },
      state,
    );
  } finally {
    await storage.close();
  }
}

/** Appends changes to a draft's log unchecked (and, with `compact`, merges the log into the state row). */
export async function storeUnchecked(
  dataDir: string,
  draftId: string,
  updates: Uint8Array[],
  compact = false,
): Promise<void> {
  const storage = await openSqliteStorage(dataDir, { logger: pino({ level: 'silent' }) });
  try {
    const seq = await storage.appendUpdates(
      draftId,
      updates.map((data) => ({ data, authorId: null })),
      new Date(),
    );
    if (compact) {
      const doc = new Y.Doc();
      const stored = await storage.loadDocument(draftId);
      for (const update of [...(stored.state ? [stored.state] : []), ...stored.updates]) Y.applyUpdate(doc, update);
      await storage.compactDocument(draftId, Y.encodeStateAsUpdate(doc), seq);
    }
  } finally {
    await storage.close();
  }
}

/** A change made on a copy of `doc`, as the update it produces (the copy is another client). */
export function changeOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/** 3,000 paragraphs nested in OP2, built one level at a time, as a raw client once stored them. */
export function nestParagraphs(copy: Y.Doc): void {
  let outer = sectionElement(copy, 'operative').get(1) as Y.XmlElement;
  for (let i = 0; i < 3000; i++) {
    const inner = new Y.XmlElement('paragraph');
    outer.insert(outer.length, [inner]);
    outer = inner;
  }
}
