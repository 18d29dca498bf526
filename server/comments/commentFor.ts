import type { Comment } from '../../shared/comments';
import type { Role } from '../../shared/roles';
import { can } from '../../shared/roles';

/** A comment as `reader` sees it: a hidden comment's body is for its author and those who moderate comments (the chair) only. */
export function commentFor(comment: Comment, authorId: string, reader: { userId: string; role: Role }): Comment {
  if (!comment.hidden || can(reader.role, 'comment:moderate') || reader.userId === authorId) return comment;
  return { ...comment, body: null };
}
