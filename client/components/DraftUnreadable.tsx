import { refusalHeadline, RefusalCode } from '../../shared/closeCodes';

/** Props of {@link DraftUnreadable}. */
export interface DraftUnreadableProps {
  /** The server's sentence saying what it could not read. */
  reason: string;
}

/**
 * Shown in place of the text when the server cannot read the draft's stored text: no editor is
 * bound to the document (an editor would fill the empty document with a template and send it),
 * and nobody can change the text until it is restored. The same for every role.
 */
export function DraftUnreadable({ reason }: DraftUnreadableProps) {
  return (
    <div className="draft-unreadable" role="alert" data-testid="draft-unreadable">
      <h2 className="draft-unreadable__title">{refusalHeadline(RefusalCode.Unreadable)}</h2>
      <p className="draft-unreadable__reason" data-testid="draft-unreadable-reason">
        {reason}
      </p>
      <p className="draft-unreadable__next">
        Nobody can open or change the text until the chair restores its last good state. Nothing you do on this page
        changes it.
      </p>
      {/* The chair's "restore the last good state" control goes here (issue 14, point 6). */}
    </div>
  );
}
