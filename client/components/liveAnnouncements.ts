import { CLAUSE_STATUS_LABELS, type ClauseStatus } from '../../shared/clauses';
import { commentPlace, type Comment } from '../../shared/comments';

/** What the page announces changes of: who is here, the comments, and each clause's status. */
export interface LiveSnapshot {
  /** The names of the others at the draft. */
  people: readonly string[];
  comments: readonly Pick<Comment, 'id' | 'parentId' | 'author' | 'clauseNumber' | 'pointReference'>[];
  clauses: readonly { id: string; number: string; status: ClauseStatus }[];
}

/**
 * The sentences a screen reader should hear about what others did between two snapshots:
 * someone joined or left, a comment or reply arrived (not the reader's own), a clause was agreed
 * or agreed ad ref. Never the typing itself: the text is not announced.
 */
export function liveAnnouncements(before: LiveSnapshot, after: LiveSnapshot, readerId: string): string[] {
  const sentences: string[] = [];
  for (const name of after.people) if (!before.people.includes(name)) sentences.push(`${name} joined the draft.`);
  for (const name of before.people) if (!after.people.includes(name)) sentences.push(`${name} left the draft.`);
  const known = new Set(before.comments.map((comment) => comment.id));
  for (const comment of after.comments) {
    if (known.has(comment.id) || comment.author.id === readerId) continue;
    const place = commentPlace(comment);
    const what = comment.parentId === null ? 'commented' : 'replied';
    sentences.push(`${comment.author.name} ${what}${place === null ? '' : ` on ${place}`}.`);
  }
  const statusBefore = new Map(before.clauses.map((clause) => [clause.id, clause.status]));
  for (const clause of after.clauses) {
    const previous = statusBefore.get(clause.id);
    if (previous === undefined || previous === clause.status || clause.status === 'open') continue;
    sentences.push(`${clause.number}: ${CLAUSE_STATUS_LABELS[clause.status].toLowerCase()}.`);
  }
  return sentences;
}
