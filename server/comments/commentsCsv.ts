import type { Comment } from '../../shared/comments';
import { commentPlace } from '../../shared/comments';
import { csvDocument } from '../exports/csv';

const COLUMNS = [
  'id',
  'thread',
  'clause',
  'author',
  'affiliation',
  'role',
  'quote',
  'current_text',
  'anchor',
  'body',
  'created_at',
  'edited_at',
  'status',
  'resolved_at',
  'hidden_reason',
] as const;

/**
 * The public record of a draft's comments as CSV (RFC 4180, one row per comment, UTF-8). The
 * `clause` column names where the comment is: the point's reference for a comment on a point
 * ("OP1(b)(ii)"), else the clause's number.
 */
export function commentsCsv(comments: readonly Comment[]): string {
  const rows = comments.map((c) => [
    c.id,
    c.parentId ?? c.id,
    commentPlace(c) ?? '(deleted clause)',
    c.author.name,
    c.author.affiliation.code
      ? `${c.author.affiliation.name} (${c.author.affiliation.code})`
      : c.author.affiliation.name,
    c.authorRole,
    'quote' in c.anchor ? c.anchor.quote : '',
    c.currentText,
    c.anchorState,
    c.hidden ? (c.body ?? '[hidden]') : c.body,
    c.createdAt,
    c.editedAt,
    c.status,
    c.resolvedAt,
    c.hidden?.reason ?? null,
  ]);
  return csvDocument(COLUMNS, rows);
}
