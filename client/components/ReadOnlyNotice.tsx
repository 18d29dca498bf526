import { ROLE_LABELS, type Affiliation, type Role } from '../../shared/roles';
import { affiliationLabel } from '../auth/affiliationLabel';

/** Props of {@link ReadOnlyNotice}. */
export interface ReadOnlyNoticeProps {
  /** The person's role, or null when it could not be checked yet. */
  role: Role | null;
  affiliation: Pick<Affiliation, 'name' | 'code'>;
}

/**
 * Why the text cannot be changed here, shown above it whenever the person's role does not allow
 * editing: an observer reads, and comments while a comment period is open. Also shown, in other
 * words, while the role is still unknown.
 */
export function ReadOnlyNotice({ role, affiliation }: ReadOnlyNoticeProps) {
  const text =
    role === null
      ? 'Accord could not confirm your role on this draft yet, so the text is read-only for now. It becomes editable as soon as the server answers.'
      : `You are ${role === 'observer' ? 'an' : 'a'} ${ROLE_LABELS[role].toLowerCase()} for ${affiliationLabel(affiliation)}: ` +
        'you can read the text and every version, and comment while a comment period is open; you cannot change the text.';
  return (
    <div className="banner banner--readonly" role="status" data-testid="read-only-notice">
      <span className="banner__label">Read only</span> {text}
    </div>
  );
}
