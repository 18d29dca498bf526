import { useCallback, useEffect, useState } from 'react';
import type { CollabSession } from '../collab/CollabSession';
import { can, type Member, type Role } from '../../shared/roles';
import { listInvites } from '../api/invitesApi';
import { changeMemberRole, listMembers, removeMember } from '../api/membersApi';
import { useApiQuery } from '../api/useApiQuery';
import { useSignedInUser } from '../auth/signedInUser';
import { InviteDialog } from './InviteDialog';
import { InviteList } from './InviteList';
import { MemberRow } from './MemberRow';

/** Props of {@link PeoplePanel}. */
export interface PeoplePanelProps {
  /** The draft's live session: the list follows its `members-changed` events. */
  session: CollabSession;
  /** The reader's role on the draft; the chair gets the tools. */
  role: Role | null;
}

const ROLE_ORDER: Record<Role, number> = { chair: 0, delegate: 1, observer: 2 };

function byRoleThenName(a: Member, b: Member): number {
  return ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.user.name.localeCompare(b.user.name);
}

/**
 * Who holds which role on the draft. Every member can read it; the chair changes roles, removes
 * members and manages invitation links here. A changed or removed person's open pages follow at
 * once (the server closes or downgrades their connections).
 */
export function PeoplePanel({ session, role }: PeoplePanelProps) {
  const draftId = session.draftId;
  const me = useSignedInUser();
  const manages = can(role ?? undefined, 'members:manage');
  const invites = can(role ?? undefined, 'invites:manage');
  const members = useApiQuery(
    `members:${draftId}`,
    (signal) => listMembers(draftId, signal),
    'The members could not be loaded.',
  );
  const openInvites = useApiQuery(
    `invites:${draftId}:${invites}`,
    (signal) => (invites ? listInvites(draftId, signal) : Promise.resolve([])),
    'The invitations could not be loaded.',
  );
  const [inviting, setInviting] = useState(false);
  const reloadMembers = members.reload;
  const reloadInvites = openInvites.reload;
  // An invitation accepted, a role changed or a member removed by anyone: the list follows at once.
  useEffect(
    () =>
      session.onCollabEvent((event) => {
        if (event.type !== 'members-changed') return;
        reloadMembers();
        reloadInvites();
      }),
    [session, reloadMembers, reloadInvites],
  );

  const changeRole = useCallback(
    async (member: Member, next: Role) => {
      try {
        await changeMemberRole(draftId, member.user.id, next);
      } finally {
        reloadMembers();
      }
    },
    [draftId, reloadMembers],
  );
  const remove = useCallback(
    async (member: Member) => {
      await removeMember(draftId, member.user.id);
      reloadMembers();
    },
    [draftId, reloadMembers],
  );

  return (
    <section className="people" aria-label="People">
      <h2 className="panel-heading">
        Members
        {members.state.kind === 'ready' && <span className="outline__count">{members.state.data.length}</span>}
      </h2>
      {members.state.kind === 'loading' && <p className="panel-empty">Loading the members…</p>}
      {members.state.kind === 'error' && (
        <p className="panel-empty panel-empty--error" role="alert">
          {members.state.message}
        </p>
      )}
      {members.state.kind === 'ready' && (
        <ul className="members" data-testid="members">
          {[...members.state.data].sort(byRoleThenName).map((member) => (
            <MemberRow
              key={member.user.id}
              member={member}
              isSelf={member.user.id === me.id}
              canManage={manages}
              onChangeRole={changeRole}
              onRemove={remove}
            />
          ))}
        </ul>
      )}

      {invites && (
        <>
          <h2 className="panel-heading people__invites-heading">Invitations</h2>
          <button
            type="button"
            className="button button--secondary people__invite-button"
            onClick={() => setInviting(true)}
          >
            Invite someone…
          </button>
          {openInvites.state.kind === 'ready' && (
            <InviteList draftId={draftId} invites={openInvites.state.data} onChanged={openInvites.reload} />
          )}
          {openInvites.state.kind === 'error' && (
            <p className="panel-empty panel-empty--error" role="alert">
              {openInvites.state.message}
            </p>
          )}
          {inviting && (
            <InviteDialog draftId={draftId} onClose={() => setInviting(false)} onCreated={openInvites.reload} />
          )}
        </>
      )}
    </section>
  );
}
