import type { DocumentNodeJSON } from './documentJSON';
import { alternativeLabel, clauseAlternativeOf } from './negotiation';
import { isProposedClause } from './suggestions';

/** What `followerLabels` needs of a clause, read from a document's JSON or from the editor's nodes. */
export interface ClauseForNumbering {
  id: string;
  /** Its `alternative` attribute, as stored. */
  alternative: unknown;
  /** Whether it is only proposed as a whole (see `isProposedClause`); asked only when it matters. */
  proposed: () => boolean;
}

/**
 * The clauses of a container numbered after the clause before them (`displayNumbers`): those only
 * proposed as a whole (null), and every wording of a whole clause after the first ("Alt 2").
 */
export function followerLabels(clauses: Iterable<ClauseForNumbering>): Map<string, string | null> {
  const followers = new Map<string, string | null>();
  const wordings = new Map<string, number>();
  for (const clause of clauses) {
    const set = clauseAlternativeOf(clause.alternative)?.set;
    const index = set === undefined ? 0 : (wordings.get(set) ?? 0) + 1;
    if (set !== undefined) wordings.set(set, index);
    if (index > 1) followers.set(clause.id, alternativeLabel(index - 1));
    else if (clause.proposed()) followers.set(clause.id, null);
  }
  return followers;
}

/** `followerLabels` of the clauses of a container, as a document's JSON holds them. */
export function followingClauses(children: readonly DocumentNodeJSON[]): Map<string, string | null> {
  return followerLabels(
    children.flatMap((clause) =>
      clause.type === 'clause' && typeof clause.attrs?.id === 'string'
        ? [{ id: clause.attrs.id, alternative: clause.attrs.alternative, proposed: () => isProposedClause(clause) }]
        : [],
    ),
  );
}
