import type { PresenceUser, Role } from '../../shared/roles';

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
}
