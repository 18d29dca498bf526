import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftSchema } from '../../shared/schema';
import { clauseTexts } from '../drafts/documentOutline';
import { type PackedClauseWords, packClauseWords } from './ClauseWords';
import { type WholeText, wholeOf } from './FullStateAnswer';
import { validateDocument } from '../text/validateDocument';
import { charactersUnder } from '../text/yjsTree';
import { splitDocument } from './splitUpdate';
import { digestOf } from './checkedStates';

const schema = draftSchema();

/** What reading a stored draft's text in full finds, for a load that builds it a few steps at a time. */
export interface TextReading {
  /**
   * The whole text as one update, framed as the sync step 2 a newcomer is sent: in one message, so
   * that the editor takes it in at once (a part of a text can break the schema, and the editor
   * would mend it).
   */
  whole: WholeText;
  /** The same text cut into causal steps: applied in order, a few a turn, they make the text. */
  steps: Uint8Array[];
  /** Every clause's words by id (the history's "before" for the next change of each), packed. */
  clauseTexts: PackedClauseWords;
  /** Characters in the text (the document size limit counts them). */
  characters: number;
  /** The digest of the text when it is one stored state (compacted, nothing logged since), now known to be sound. */
  stateDigest: string | null;
}

/** A stored state known sound, framed as newcomers are sent it, and its digest. */
export interface VouchedText {
  whole: WholeText;
  digest: string;
}

/**
 * The framed text of a draft whose stored text is one state (compacted, nothing logged since) with
 * the digest `vouched`, one known sound (see `checkedStates`): it may be sent before it is read
 * into a document and checked, being the same text. Null otherwise.
 */
export function vouchedText(state: Uint8Array | null, updates: Uint8Array[], vouched: string): VouchedText | null {
  if (state === null || updates.length > 0 || digestOf(state) !== vouched) return null;
  return { whole: wholeOf(state), digest: vouched };
}

/**
 * Reads a draft's stored text (the compacted state and the log after it) into a document of its
 * own, checks it against the schema, encodes it and cuts it into steps of about `stepBytes`. Null
 * when the text needs the careful load (a row that cannot be merged, a change waiting for text
 * that is not there, anything the schema check finds): that one mends or reports what it can.
 *
 * Pure work on bytes, so a worker thread can do it (`readInPiecesOffThread`): the thread that
 * serves every draft then only applies the steps, a few a turn. `checked` is handed the framed
 * text as soon as it is read and checked, before the steps are cut and the clauses' words read
 * (about half of the work): newcomers need only the text. `sent`: the text was handed out
 * already, vouched for (see {@link vouchedText}); it is still checked, and should it fail (a
 * fault of this server's), the reading is null as for any other, and the careful load follows.
 */
export function readInPieces(
  state: Uint8Array | null,
  updates: Uint8Array[],
  stepBytes: number,
  checked?: (whole: WholeText) => void,
  sent?: VouchedText,
): TextReading | null {
  const all = state ? [state, ...updates] : updates;
  if (all.length === 0) return null;
  const doc = new Y.Doc();
  try {
    if (!readSound(doc, all)) return null;
    // A text stored in one row (compacted, nothing logged since) is that row: the encoding of its document.
    const whole = sent?.whole ?? wholeOf(all.length === 1 ? all[0]! : Y.encodeStateAsUpdate(doc));
    if (sent === undefined) checked?.(whole);
    return {
      whole,
      steps: splitDocument(doc, stepBytes),
      clauseTexts: packClauseWords(clauseTexts(doc)),
      characters: charactersUnder(doc.getXmlFragment(DOCUMENT_FIELD)),
      // Hashed once: a vouched-for state's digest is the one it was vouched for.
      stateDigest: sent?.digest ?? (state !== null && updates.length === 0 ? digestOf(state) : null),
    };
  } catch {
    return null;
  } finally {
    doc.destroy();
  }
}

/**
 * A draft's stored text (the compacted state and the log rows after it) merged into one state, as
 * a compaction stores it: read into a document of its own and encoded, so that what was deleted
 * is dropped as it is from the live text. Null when the rows cannot make a whole, sound text (a
 * change waiting for text that is not there, anything the schema check finds, a row that cannot
 * be merged), or when there is nothing to merge: the caller then compacts from its live text.
 * Pure work on bytes, for the worker thread (`mergeStoredOffThread`).
 */
export function mergeStoredText(state: Uint8Array | null, updates: Uint8Array[]): Uint8Array | null {
  if (updates.length === 0) return null;
  const doc = new Y.Doc();
  try {
    return readSound(doc, state ? [state, ...updates] : updates) ? Y.encodeStateAsUpdate(doc) : null;
  } catch {
    return null;
  } finally {
    doc.destroy();
  }
}

/**
 * Applies stored rows to `doc` as one update; whether they make a whole text the schema takes (no
 * change waiting for text that is not there). Throws if a row cannot be merged.
 */
function readSound(doc: Y.Doc, rows: Uint8Array[]): boolean {
  Y.applyUpdate(doc, rows.length === 1 ? rows[0]! : Y.mergeUpdates(rows));
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return false;
  return validateDocument(doc, schema, DOCUMENT_FIELD).length === 0;
}
