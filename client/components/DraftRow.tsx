import { Link } from 'react-router';
import type { DraftSummary } from '../../shared/api';
import { can, ROLE_LABELS } from '../../shared/roles';
import { formatAbsolute, formatRelative } from './formatTimestamp';

/** Props of {@link DraftRow}. */
export interface DraftRowProps {
  draft: DraftSummary;
  /** True while an archive or restore of this draft is in flight. */
  busy: boolean;
  onToggleArchived: (draft: DraftSummary) => void;
}

/** One draft in the drafts list: its title, your role on it, when it last changed, and what you can do with it. */
export function DraftRow({ draft, busy, onToggleArchived }: DraftRowProps) {
  const archived = draft.archivedAt !== null;
  const href = `/drafts/${encodeURIComponent(draft.id)}`;
  return (
    <li className="draft-row" data-testid="draft-row" data-draft-id={draft.id}>
      <div className="draft-row__main">
        {archived ? (
          <span className="draft-row__title">{draft.title || 'Untitled draft'}</span>
        ) : (
          <Link to={href} className="draft-row__title">
            {draft.title || 'Untitled draft'}
          </Link>
        )}
        <span className="draft-row__meta">
          <span className={`draft-row__role draft-row__role--${draft.role}`} data-testid="draft-role">
            {ROLE_LABELS[draft.role]}
          </span>
          {archived ? 'Archived ' : 'Updated '}
          <time
            dateTime={archived ? (draft.archivedAt ?? undefined) : draft.updatedAt}
            title={formatAbsolute(archived ? (draft.archivedAt ?? draft.updatedAt) : draft.updatedAt)}
          >
            {formatRelative(archived ? (draft.archivedAt ?? draft.updatedAt) : draft.updatedAt)}
          </time>
        </span>
      </div>
      <div className="draft-row__actions">
        {!archived && (
          <Link to={href} className="button button--secondary" aria-label={`Open ${draft.title || 'untitled draft'}`}>
            Open
          </Link>
        )}
        {can(draft.role, 'draft:archive') && (
          <button
            type="button"
            className="button button--quiet"
            disabled={busy}
            onClick={() => onToggleArchived(draft)}
            aria-label={`${archived ? 'Restore' : 'Archive'} ${draft.title || 'untitled draft'}`}
          >
            {busy ? (archived ? 'Restoring…' : 'Archiving…') : archived ? 'Restore' : 'Archive'}
          </button>
        )}
      </div>
    </li>
  );
}
