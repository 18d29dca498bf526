import { CLAUSE_STATUS_LABELS, subparagraphLetter } from '../../shared/clauses';
import type { ClauseKind, ClauseStatus } from '../../shared/clauses';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { plainText } from '../../shared/outline';
import type { PillarKey } from '../../shared/pillars';
import { pillarByKey } from '../../shared/pillars';
import type { TextSnapshot } from '../versions/VersionService';

/** One block of a clause as every export writes it: the opening paragraph, a further paragraph, or a lettered sub-paragraph. */
export interface ExportBlock {
  letter: string | null;
  text: string;
}

/** A clause as every export writes it: number, blocks, pillars and status, all read from the shared model. */
export interface ExportClause {
  id: string;
  number: string;
  kind: ClauseKind;
  blocks: ExportBlock[];
  pillars: { key: PillarKey; label: string }[];
  status: ClauseStatus;
  statusLabel: string;
}

/** A text ready to be written in any format. */
export interface ExportText {
  title: string;
  label: string;
  at: string;
  preamble: ExportClause[];
  operative: ExportClause[];
}

function blocksOf(clause: DocumentNodeJSON): ExportBlock[] {
  let letters = 0;
  return (clause.content ?? []).map((block) => ({
    letter: block.type === 'subparagraph' ? subparagraphLetter(letters++) : null,
    text: plainText(block),
  }));
}

/**
 * The text of a snapshot in the form every export writes: numbers, letters and pillars come from
 * the same shared functions as the editor and the outline API, so no export can disagree with them.
 */
export function exportText(snapshot: TextSnapshot): ExportText {
  const byId = new Map(snapshot.outline.clauses.map((clause) => [clause.id, clause]));
  const clausesOf = (sectionType: string): ExportClause[] => {
    const section = (snapshot.document.content ?? []).find((node) => node.type === sectionType);
    return (section?.content ?? []).flatMap((node) => {
      const id = typeof node.attrs?.id === 'string' ? node.attrs.id : '';
      const summary = byId.get(id);
      if (!summary) return [];
      return [
        {
          id,
          number: summary.number,
          kind: summary.kind,
          blocks: blocksOf(node),
          pillars: summary.pillars.map((key) => ({ key, label: pillarByKey(key)?.label ?? key })),
          status: summary.status,
          statusLabel: CLAUSE_STATUS_LABELS[summary.status],
        },
      ];
    });
  };
  return {
    title: snapshot.outline.title,
    label: snapshot.label,
    at: snapshot.at,
    preamble: clausesOf('preamble'),
    operative: clausesOf('operative'),
  };
}
