import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { clauseText } from '../../shared/outline';
import type { Amendment, Conflict } from '../../shared/review/types';
import { findClauseNode } from './clauseWords';

/** A wording the chair's resolution can start from, with the button's words. */
export interface ResolutionStart {
  key: string;
  label: string;
  clause: DocumentNodeJSON;
}

/**
 * Every wording a resolution of `conflict` can start from, each one click away: the chair's
 * resolution so far, each amendment the resolution settles as adopted (or being adopted,
 * `adopting`), the base clause and the clause as it reads live now. A wording the list already
 * holds word for word is not offered twice.
 */
export function resolutionStarts(input: {
  conflict: Pick<Conflict, 'clauseId' | 'covers' | 'startingClause' | 'liveClause'>;
  amendments: readonly Amendment[];
  baseDocument: DocumentNodeJSON | null;
  baseLabel: string;
  resolution?: DocumentNodeJSON | null;
  /** The wording of the amendment being adopted, when it differs from its proposal (orally revised). */
  adopting?: { label: string; clause: DocumentNodeJSON } | null;
}): ResolutionStart[] {
  const { conflict } = input;
  const starts: ResolutionStart[] = [];
  const offer = (key: string, label: string, clause: DocumentNodeJSON | null | undefined) => {
    if (!clause || starts.some((start) => clauseText(start.clause) === clauseText(clause))) return;
    starts.push({ key, label, clause });
  };
  offer('resolution', 'Your resolution', input.resolution);
  for (const label of conflict.covers) {
    const amendment = input.amendments.find((candidate) => candidate.label === label);
    const wording =
      input.adopting?.label === label
        ? input.adopting.clause
        : (amendment?.revised?.proposed ?? amendment?.proposed ?? null);
    offer(label, `${label}${amendment ? ` (${amendment.sponsor.name})` : ''}`, wording);
  }
  const base = input.baseDocument ? findClauseNode(input.baseDocument, conflict.clauseId) : null;
  offer('base', `The base clause (${input.baseLabel})`, base ?? conflict.startingClause);
  offer('live', 'The live clause', conflict.liveClause);
  return starts;
}
