import type { Comment, CommentAnchor } from '../../shared/comments';
import { isAmendmentAnchor } from '../../shared/comments';
import type { PillarKey } from '../../shared/pillars';

/** A thread: its first comment (which carries the anchor and the status) and the replies, oldest first. */
export interface CommentThread {
  id: string;
  root: Comment;
  replies: Comment[];
}

/**
 * Whose voice a comment is: the delegations (delegates of States), civil society (observers), or
 * the chair. Read from the role the author held when they wrote it, not from their affiliation
 * kind: the chair's secretariat is an organisation but not civil society.
 */
export type CommentVoice = 'delegations' | 'civil-society' | 'chair';

/** The voice of a comment's author (see {@link CommentVoice}). */
export function voiceOf(comment: Pick<Comment, 'authorRole'>): CommentVoice {
  if (comment.authorRole === 'observer') return 'civil-society';
  return comment.authorRole === 'chair' ? 'chair' : 'delegations';
}

/** Which threads the margin shows. */
export interface ThreadFilter {
  status: 'open' | 'resolved' | 'all';
  /** Threads started by this voice, or all. */
  voice: CommentVoice | 'all';
  /** Threads on clauses tagged with this pillar, or all. */
  pillar: PillarKey | null;
}

/** Open threads from everyone on every clause: what the margin shows first. */
export const DEFAULT_THREAD_FILTER: ThreadFilter = { status: 'open', voice: 'all', pillar: null };

/**
 * Groups comments into threads in the order they were started. A reply whose thread is not in the
 * list (it should not happen; the server sends whole threads) becomes a thread of its own rather
 * than disappear.
 */
export function groupThreads(comments: readonly Comment[]): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  const orphans: Comment[] = [];
  for (const comment of comments) {
    if (comment.parentId === null) threads.set(comment.id, { id: comment.id, root: comment, replies: [] });
  }
  for (const comment of comments) {
    if (comment.parentId === null) continue;
    const thread = threads.get(comment.parentId);
    if (thread) thread.replies.push(comment);
    else orphans.push(comment);
  }
  for (const orphan of orphans) threads.set(orphan.id, { id: orphan.id, root: orphan, replies: [] });
  const byTime = (a: Comment, b: Comment) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  for (const thread of threads.values()) thread.replies.sort(byTime);
  return [...threads.values()].sort((a, b) => byTime(a.root, b.root));
}

/** Whether a thread passes the filter; `pillarsOf` gives the pillars of a clause now (empty for a deleted one). */
export function threadMatches(
  thread: CommentThread,
  filter: ThreadFilter,
  pillarsOf: (clauseId: string) => readonly string[],
): boolean {
  if (filter.status !== 'all' && thread.root.status !== filter.status) return false;
  if (filter.voice !== 'all' && voiceOf(thread.root) !== filter.voice) return false;
  if (filter.pillar !== null && !pillarsOf(thread.root.anchor.clauseId).includes(filter.pillar)) return false;
  return true;
}

/** The number of threads that pass the filter on each clause, for the counts in the gutter. */
export function threadCountsByClause(threads: readonly CommentThread[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    if (thread.root.anchorState === 'clause-removed') continue;
    const clauseId = thread.root.anchor.clauseId;
    counts.set(clauseId, (counts.get(clauseId) ?? 0) + 1);
  }
  return counts;
}

/**
 * The amendment a comment is about, or null for a comment on the text. Observers' comments on
 * an amendment of the periodic review are ordinary comments whose anchor also names the
 * amendment; the draft's margin leaves them to the review page.
 */
export function amendmentIdOf(anchor: CommentAnchor): string | null {
  return isAmendmentAnchor(anchor) ? anchor.amendmentId : null;
}
