import { useState } from 'react';
import { ROLE_LABELS } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { revokeInvite, type Invite } from '../api/invitesApi';
import { affiliationLabel } from '../auth/affiliationLabel';
import { formatAbsolute, formatRelative } from './formatTimestamp';

/** Props of {@link InviteList}. */
export interface InviteListProps {
  draftId: string;
  /** The draft's invitations; only open ones are listed. */
  invites: Invite[];
  /** Called after a revocation, so the list refreshes. */
  onChanged: () => void;
}

/** The chair's open invitation links: for whom, as what, until when, and a way to revoke each. */
export function InviteList({ draftId, invites, onChanged }: InviteListProps) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = invites.filter((invite) => invite.status === 'open');

  const revoke = async (invite: Invite) => {
    setBusyId(invite.id);
    setError(null);
    try {
      await revokeInvite(draftId, invite.id);
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The invitation could not be revoked. Try again.');
    } finally {
      setBusyId(null);
    }
  };

  if (open.length === 0) return <p className="panel-empty">No open invitations.</p>;
  return (
    <>
      <ul className="invites">
        {open.map((invite) => (
          <li key={invite.id} className="invite" data-testid="invite-row" data-invite-id={invite.id}>
            <div className="invite__what">
              <span className="invite__for">
                {invite.affiliation ? affiliationLabel(invite.affiliation) : 'Unknown body'}
              </span>
              <span className="invite__meta">
                {ROLE_LABELS[invite.role]} · expires{' '}
                <time dateTime={invite.expiresAt} title={formatAbsolute(invite.expiresAt)}>
                  {formatRelative(invite.expiresAt)}
                </time>
              </span>
            </div>
            <button
              type="button"
              className="button button--quiet member__button"
              disabled={busyId === invite.id}
              onClick={() => void revoke(invite)}
            >
              {busyId === invite.id ? 'Revoking…' : 'Revoke'}
            </button>
          </li>
        ))}
      </ul>
      {error !== null && (
        <p className="member__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
