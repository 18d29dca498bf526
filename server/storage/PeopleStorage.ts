/**
 * People and their access: affiliations (delegations and organisations), users, browser sessions
 * and personal access tokens, roles on drafts and invites to them. Part of {@link Storage}.
 */
export interface PeopleStorage {
  createAffiliation(affiliation: AffiliationRecord): Promise<AffiliationRecord>;
  getAffiliation(id: string): Promise<AffiliationRecord | undefined>;
  findAffiliation(kind: AffiliationRecord['kind'], name: string): Promise<AffiliationRecord | undefined>;
  listAffiliations(): Promise<AffiliationRecord[]>;

  createUser(user: UserRecord): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  countUsers(): Promise<number>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;

  /** A browser session or a personal access token; only the SHA-256 of the secret is stored. */
  createSession(session: SessionRecord): Promise<SessionRecord>;
  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  listSessions(userId: string): Promise<SessionRecord[]>;
  revokeSession(id: string, at: Date): Promise<void>;
  /** Records when a session or token was last used (callers write at most about once a minute per session). */
  touchSession(id: string, at: Date): Promise<void>;

  /** Gives a person a role on a draft (replacing any role they had there). */
  setMembership(draftId: string, userId: string, role: MembershipRecord['role'], at: Date): Promise<void>;
  removeMembership(draftId: string, userId: string): Promise<boolean>;
  getMembership(draftId: string, userId: string): Promise<MembershipRecord | undefined>;
  listMemberships(draftId: string): Promise<MembershipRecord[]>;

  createInvite(invite: InviteRecord): Promise<InviteRecord>;
  getInviteByTokenHash(tokenHash: string): Promise<InviteRecord | undefined>;
  listInvites(draftId: string): Promise<InviteRecord[]>;
  /**
   * Accepts an invitation as one transaction: claims it only if it is still open at `at` (not
   * accepted, revoked or expired), creates the new account if there is one, and gives the person
   * the invitation's role on its draft (one who chairs it keeps the chair). However many accept
   * at once, one claim succeeds; a refused acceptance writes nothing.
   */
  acceptInvite(acceptance: InviteAcceptance): Promise<InviteAcceptanceResult>;
  revokeInvite(id: string, at: Date): Promise<void>;
}

/** Who accepts an invitation: an existing account, or the account to create with it. */
export interface InviteAcceptance {
  inviteId: string;
  person: { userId: string } | { newUser: UserRecord };
  at: Date;
}

/** The role the person now holds on the draft, or why nothing was written. */
export type InviteAcceptanceResult =
  | { ok: true; userId: string; draftId: string; role: MembershipRecord['role'] }
  | { ok: false; refusal: 'invite_closed' | 'email_taken' };

/** A delegation (a state) or an organisation (an observer body): what a person's words are attributed to. */
export interface AffiliationRecord {
  id: string;
  kind: 'delegation' | 'organisation';
  name: string;
  code: string | null;
}

/** A person as stored. `passwordHash` never leaves the server. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  affiliationId: string;
  canCreateDrafts: boolean;
  createdAt: string;
}

/** A browser session or a personal access token, known by the hash of its secret. */
export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  kind: 'session' | 'token';
  /** A personal access token's name, for the person to recognise it. */
  name: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** When it last authenticated a request, to within about a minute; null if never. */
  lastUsedAt: string | null;
}

/** A person's role on one draft. */
export interface MembershipRecord {
  draftId: string;
  userId: string;
  role: 'chair' | 'delegate' | 'observer';
  createdAt: string;
}

/** An invitation to a draft with a role, known by the hash of its link's secret; accepted at most once. */
export interface InviteRecord {
  id: string;
  tokenHash: string;
  draftId: string;
  role: 'chair' | 'delegate' | 'observer';
  affiliationId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
}
