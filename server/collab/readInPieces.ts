import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';
import { clauseTexts } from '../drafts/documentOutline';
import { validateDocument } from '../text/validateDocument';
import { charactersUnder } from '../text/yjsTree';
import { splitUpdateInSizes } from './splitUpdate';

const schema = draftSchema();

/** How finely to cut a text: pieces to send, steps to build from (bytes, about). */
export interface PieceSizes {
  pieceBytes: number;
  stepBytes: number;
}

/** What reading a stored draft's text in full finds, for a load that applies it a piece at a time. */
export interface TextReading {
  /** The whole text as causal pieces to send a newcomer: applied in order, they make the text. */
  pieces: Uint8Array[];
  /** The same text cut finer, to build a document from a few milliseconds at a time. */
  steps: Uint8Array[];
  /** Every clause's words by id (the history's "before" for the next change of each). */
  clauseTexts: Map<string, string>;
  /** Characters in the text (the document size limit counts them). */
  characters: number;
}

/**
 * Reads a draft's stored text (the compacted state and the log after it) into a document of its
 * own, checks it against the schema and cuts it into pieces and steps (see {@link PieceSizes}). Null when the
 * text needs the careful load (a row that cannot be merged, a change waiting for text that is not
 * there, anything the schema check finds): that one mends or reports what it can.
 *
 * Pure work on bytes, so a worker thread can do it (`readInPiecesOffThread`): the thread that
 * serves every draft then only applies the pieces, a turn at a time.
 */
export function readInPieces(state: Uint8Array | null, updates: Uint8Array[], sizes: PieceSizes): TextReading | null {
  const all = state ? [state, ...updates] : updates;
  if (all.length === 0) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, all.length === 1 ? all[0]! : Y.mergeUpdates(all));
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return null;
    if (validateDocument(doc, schema, DOCUMENT_FIELD).length > 0) return null;
    const [pieces, steps] = splitUpdateInSizes(Y.encodeStateAsUpdate(doc), [sizes.pieceBytes, sizes.stepBytes]);
    return {
      pieces: pieces!,
      steps: steps!,
      clauseTexts: clauseTexts(doc),
      characters: charactersUnder(doc.getXmlFragment(DOCUMENT_FIELD)),
    };
  } catch {
    return null;
  } finally {
    doc.destroy();
  }
}
