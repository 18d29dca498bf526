import { useId, useState } from 'react';
import { ROLE_LABELS, ROLES, type Member, type Role } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { affiliationLabel } from '../auth/affiliationLabel';

/** Props of {@link MemberRow}. */
export interface MemberRowProps {
  member: Member;
  /** Whether this row is the person looking at it. */
  isSelf: boolean;
  /** Whether the reader may change roles and remove members (the chair). */
  canManage: boolean;
  onChangeRole: (member: Member, role: Role) => Promise<void>;
  onRemove: (member: Member) => Promise<void>;
}

/** Delegates speak for a State, so only a delegation's member can be one. */
function roleFits(role: Role, member: Member): boolean {
  return role !== 'delegate' || member.user.affiliation.kind === 'delegation';
}

/**
 * One member of a draft: name, delegation or organisation, role. For the chair, a role picker
 * and removal (asked twice); the server's refusal, such as removing the last chair, is shown
 * in the row in its own words.
 */
export function MemberRow({ member, isSelf, canManage, onChangeRole, onRemove }: MemberRowProps) {
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();

  const run = async (action: () => Promise<void>) => {
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'That change could not be saved. Try again.');
    } finally {
      setPending(false);
      setConfirming(false);
    }
  };

  return (
    <li
      className="member"
      data-testid="member-row"
      data-user-id={member.user.id}
      data-email={member.user.email}
      data-role={member.role}
    >
      <div className="member__who">
        <span className="member__name">
          {member.user.name}
          {isSelf && <span className="member__self"> (you)</span>}
        </span>
        <span className="member__affiliation">{affiliationLabel(member.user.affiliation)}</span>
      </div>
      {canManage ? (
        <div className="member__controls">
          <label className="visually-hidden" htmlFor={selectId}>
            Role of {member.user.name}
          </label>
          <select
            id={selectId}
            className="toolbar-select member__role-select"
            name="role"
            value={member.role}
            disabled={pending}
            onChange={(event) => {
              const role = ROLES.find((candidate) => candidate === event.target.value);
              if (role && role !== member.role) void run(() => onChangeRole(member, role));
            }}
          >
            {ROLES.map((role) => (
              <option key={role} value={role} disabled={!roleFits(role, member)}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
          {confirming ? (
            <>
              <button
                type="button"
                className="button button--danger member__button"
                disabled={pending}
                onClick={() => void run(() => onRemove(member))}
              >
                {pending ? 'Removing…' : 'Remove'}
              </button>
              <button
                type="button"
                className="button button--quiet member__button"
                disabled={pending}
                onClick={() => setConfirming(false)}
              >
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--quiet member__button"
              disabled={pending}
              onClick={() => setConfirming(true)}
              aria-label={`Remove ${member.user.name} from this draft`}
            >
              Remove…
            </button>
          )}
        </div>
      ) : (
        <span className={`member__role member__role--${member.role}`}>{ROLE_LABELS[member.role]}</span>
      )}
      {error !== null && (
        <p className="member__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
