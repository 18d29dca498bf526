import type { DocumentNodeJSON } from './documentJSON';
import { alternativeLabel, clauseAlternativeOf } from './negotiation';
import { isProposedClause } from './suggestions';

/**
 * The clauses of a container numbered after the clause before them (`displayNumbers`): those only
 * proposed as a whole (null), and every wording of a whole clause after the first ("Alt 2").
 */
export function followingClauses(clauses: readonly DocumentNodeJSON[]): Map<string, string | null> {
  const followers = new Map<string, string | null>();
  const wordings = new Map<string, number>();
  for (const clause of clauses) {
    if (clause.type !== 'clause' || typeof clause.attrs?.id !== 'string') continue;
    const set = clauseAlternativeOf(clause.attrs.alternative)?.set;
    const index = set === undefined ? 0 : (wordings.get(set) ?? 0) + 1;
    if (set !== undefined) wordings.set(set, index);
    if (index > 1) followers.set(clause.attrs.id, alternativeLabel(index - 1));
    else if (isProposedClause(clause)) followers.set(clause.attrs.id, null);
  }
  return followers;
}
