import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { WordChange } from '../../shared/redline';
import { flatWords } from '../../shared/redline';
import { amendmentBlocks } from '../../shared/review/amendmentBlocks';
import { pointChanges } from '../../shared/review/pointChanges';
import type { Amendment, AmendmentKind, WordAction } from '../../shared/review/types';

/** What a run of word changes does, as lists show it: replace, insert, delete, or nothing. */
export function wordAction(words: readonly WordChange[]): WordAction {
  const inserts = words.some((w) => w.op === 'insert' && w.text.trim());
  const deletes = words.some((w) => w.op === 'delete' && w.text.trim());
  return inserts && deletes ? 'replace' : inserts ? 'insert' : deletes ? 'delete' : 'none';
}

/** Everything the API says about an amendment's wording, derived from the base clause and the proposal. */
export function amendmentWording(
  kind: AmendmentKind,
  base: DocumentNodeJSON | undefined,
  baseNumber: string,
  proposed: DocumentNodeJSON | null,
  revised: DocumentNodeJSON | null,
): Pick<Amendment, 'redline' | 'blocks' | 'pointChanges' | 'wordAction' | 'revised'> {
  const blocks = amendmentBlocks(kind, base, baseNumber, proposed);
  const redline = flatWords(blocks);
  const revisedBlocks = revised ? amendmentBlocks(kind, base, baseNumber, revised) : null;
  return {
    redline,
    blocks,
    pointChanges: kind === 'modify' ? pointChanges(blocks, baseNumber) : [],
    wordAction: kind === 'modify' && proposed ? wordAction(redline) : 'none',
    revised:
      revised && revisedBlocks ? { proposed: revised, redline: flatWords(revisedBlocks), blocks: revisedBlocks } : null,
  };
}
