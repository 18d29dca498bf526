/**
 * Roles are held per draft. What each may do is decided here, once, and read by the server's
 * checks (every API route and every collab message) and by the client (which controls to show).
 */
export const ROLES = ['chair', 'delegate', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  chair: 'Chair',
  delegate: 'Delegate',
  observer: 'Observer',
};

/** Everything a member of a draft may be allowed to do. */
export const DRAFT_ACTIONS = [
  'draft:read',
  'draft:edit-text',
  'draft:rename',
  'clause:set-status',
  'clause:edit-agreed',
  'draft:archive',
  'clause:tag',
  'members:read',
  'members:manage',
  'invites:manage',
  'history:read',
  'audit:read',
  'comment:write',
  'comment:write-in-period',
  'comment:resolve-any',
  'comment:moderate',
  'comment-period:manage',
  'version:manage',
] as const;
export type DraftAction = (typeof DRAFT_ACTIONS)[number];

const everyone: readonly Role[] = ['chair', 'delegate', 'observer'];
const negotiators: readonly Role[] = ['chair', 'delegate'];
const chairOnly: readonly Role[] = ['chair'];

const allowed: Record<DraftAction, readonly Role[]> = {
  'draft:read': everyone,
  'draft:edit-text': negotiators,
  /** Change the draft's title, in the text or through the API. */
  'draft:rename': chairOnly,
  /** Agree a clause (agreed, agreed ad ref) or reopen it: the chair's prerogative. */
  'clause:set-status': chairOnly,
  /** Change the words, marks or structure of an agreed (or agreed ad ref) clause, delete or move it. */
  'clause:edit-agreed': chairOnly,
  'draft:archive': chairOnly,
  'clause:tag': negotiators,
  'members:read': everyone,
  'members:manage': chairOnly,
  'invites:manage': chairOnly,
  'history:read': everyone,
  'audit:read': chairOnly,
  /** Comment at any time. */
  'comment:write': negotiators,
  /** Comment while a comment period is open. */
  'comment:write-in-period': everyone,
  /** Resolve or reopen any thread (authors may always resolve their own). */
  'comment:resolve-any': negotiators,
  'comment:moderate': chairOnly,
  'comment-period:manage': chairOnly,
  /** Save, restore and publish named versions. */
  'version:manage': chairOnly,
};

/** Whether a person holding `role` on a draft (or no role: undefined) may do `action` there. */
export function can(role: Role | undefined, action: DraftAction): boolean {
  return role !== undefined && allowed[action].includes(role);
}

/** The kind of body a person speaks for: a State's delegation, or an observer organisation. */
export const AFFILIATION_KINDS = ['delegation', 'organisation'] as const;
export type AffiliationKind = (typeof AFFILIATION_KINDS)[number];

/** A delegation (a State, with its ISO 3166-1 alpha-3 code) or an observer organisation. */
export interface Affiliation {
  id: string;
  kind: AffiliationKind;
  name: string;
  /** ISO 3166-1 alpha-3 for a delegation (user-assigned X-codes allowed for fictional States); null for an organisation. */
  code: string | null;
}

/** A person as the API shows them: never a password hash or a token. */
export interface PublicUser {
  id: string;
  name: string;
  email: string;
  affiliation: Affiliation;
  canCreateDrafts: boolean;
}

/** A member of a draft. */
export interface Member {
  user: Omit<PublicUser, 'canCreateDrafts'>;
  role: Role;
  since: string;
}

/** The identity the server stamps on a collab connection's presence; clients cannot choose it. */
export interface PresenceUser {
  userId: string;
  name: string;
  color: string;
  role: Role;
  affiliation: string;
  affiliationCode: string | null;
}

/** Whether a string is an ISO 3166-1 alpha-3 shaped code (three capital letters). */
export const ALPHA3_PATTERN = /^[A-Z]{3}$/;
