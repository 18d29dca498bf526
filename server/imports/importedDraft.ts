import { newClauseId } from '../../shared/clauseId';
import type { ClauseJSON, DraftJSON, ParagraphJSON, SubparagraphJSON } from '../../shared/draftText';
import type { PillarKey } from '../../shared/pillars';

/** A clause to create from an import: its opening text, further blocks (lettered or not) and pillars. */
export interface ImportClauseSpec {
  text: string;
  blocks: { letter: string | null; text: string }[];
  pillars: PillarKey[];
}

function paragraph(text: string): ParagraphJSON {
  return { type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) };
}

function clause(spec: ImportClauseSpec): ClauseJSON {
  return {
    type: 'clause',
    attrs: { id: newClauseId(), pillars: [...new Set(spec.pillars)], status: 'open' },
    content: [
      paragraph(spec.text),
      ...spec.blocks.map((block): ParagraphJSON | SubparagraphJSON =>
        block.letter === null ? paragraph(block.text) : { type: 'subparagraph', content: [paragraph(block.text)] },
      ),
    ],
  };
}

/**
 * The text of a new draft from an import, in the shared document model: every clause gets a
 * fresh id and starts open; sub-paragraphs are lettered by the editor from their order, so the
 * letters in the file are not kept. An empty part gets one empty clause, as a new draft has.
 */
export function importedDraft(spec: {
  title: string;
  preamble: ImportClauseSpec[];
  operative: ImportClauseSpec[];
}): DraftJSON {
  const part = (clauses: ImportClauseSpec[]) =>
    (clauses.length ? clauses : [{ text: '', blocks: [], pillars: [] }]).map(clause);
  return {
    type: 'doc',
    content: [
      { type: 'title', ...(spec.title ? { content: [{ type: 'text', text: spec.title }] } : {}) },
      { type: 'preamble', content: part(spec.preamble) },
      { type: 'operative', content: part(spec.operative) },
    ],
  };
}
