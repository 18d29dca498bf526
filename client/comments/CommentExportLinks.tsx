import { commentsExportUrl } from './commentsApi';

/** Props of {@link CommentExportLinks}. */
export interface CommentExportLinksProps {
  draftId: string;
}

/** The public record of every comment on the draft, hidden ones shown as hidden, as CSV or JSON files. */
export function CommentExportLinks({ draftId }: CommentExportLinksProps) {
  return (
    <span className="comment-export" aria-label="Export every comment">
      <span className="comment-export__label">Export</span>
      <a
        className="comment-export__link"
        href={commentsExportUrl(draftId, 'csv')}
        download
        data-testid="export-comments-csv"
      >
        CSV
      </a>
      <a
        className="comment-export__link"
        href={commentsExportUrl(draftId, 'json')}
        download
        data-testid="export-comments-json"
      >
        JSON
      </a>
    </span>
  );
}
