import type { PresenceUser, Role } from '../../shared/roles';
import { can } from '../../shared/roles';
import type { Author } from '../text/checkSuggestions';

/**
 * Who is on a collab connection and what they may do, decided by the server at the upgrade and
 * updated in place when the chair changes their role. The presence identity is stamped on every
 * awareness state the connection sends, so nobody can appear as someone else.
 */
export interface ConnectionAccess {
  userId: string;
  /** The person's delegation or organisation. */
  affiliationId: string;
  /** The session or token the connection authenticated with (revoking it closes the connection). */
  sessionId: string;
  role: Role;
  presence: PresenceUser;
  /** The draft is in facilitator mode: only the chair edits, everyone else suggests. */
  facilitatorMode: boolean;
  /** The keys of the draft's pillars now: a clause may be tagged only with these. */
  pillars: ReadonlySet<string>;
}

/** The decision on an upgrade: connect with this access, refuse with an HTTP status, or no such draft. */
export type UpgradeDecision =
  | { kind: 'accept'; access: ConnectionAccess }
  | { kind: 'refuse'; status: 401 | 403; reason: string }
  | { kind: 'no-draft' };

/** The person on a connection as the rules of suggestions see them, with their role and the draft's mode now. */
export function authorOf(access: ConnectionAccess): Author {
  const editsEverything = can(access.role, 'clause:edit-agreed');
  return {
    userId: access.userId,
    affiliationId: access.affiliationId,
    editsEverything,
    suggestsOnly: access.facilitatorMode && !editsEverything,
  };
}
