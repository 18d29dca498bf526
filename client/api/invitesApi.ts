import { z } from 'zod';
import { ROLES, type Affiliation, type Role } from '../../shared/roles';
import { affiliationSchema } from './peopleSchemas';
import { okAnswer, requestJson } from './requestJson';

/** What an invitation is in: open until it is accepted, revoked or past its expiry. */
export type InviteStatus = 'open' | 'accepted' | 'revoked' | 'expired';

/** An invitation as the chair sees it in the draft's list. */
export interface Invite {
  id: string;
  draftId: string;
  role: Role;
  /** Null only if the affiliation has since disappeared from the server. */
  affiliation: Affiliation | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  status: InviteStatus;
}

/** An invitation as anyone holding its link sees it. */
export interface PublicInvite extends Invite {
  draftTitle: string;
  roleLabel: string;
}

/** Who an invitation is for: a known delegation or organisation, or a new one. */
export type InviteAffiliation =
  { id: string } | { kind: 'delegation'; name: string; code: string } | { kind: 'organisation'; name: string };

const inviteFields = {
  id: z.string(),
  draftId: z.string(),
  role: z.enum(ROLES),
  affiliation: affiliationSchema
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  status: z.enum(['open', 'accepted', 'revoked', 'expired']),
};

const inviteSchema: z.ZodType<Invite, unknown> = z.object(inviteFields);
const publicInviteSchema: z.ZodType<PublicInvite, unknown> = z.object({
  ...inviteFields,
  draftTitle: z.string(),
  roleLabel: z.string(),
});

function invitesPath(draftId: string, inviteId?: string): string {
  const base = `/api/drafts/${encodeURIComponent(draftId)}/invites`;
  return inviteId === undefined ? base : `${base}/${encodeURIComponent(inviteId)}`;
}

/** Every invitation of a draft, whatever its status (chair only). */
export async function listInvites(draftId: string, signal?: AbortSignal): Promise<Invite[]> {
  const { invites } = await requestJson(invitesPath(draftId), z.object({ invites: z.array(inviteSchema) }), { signal });
  return invites;
}

/**
 * Creates an invitation link for one role and one delegation or organisation (chair only).
 * Rejects with `role_affiliation_mismatch` (400) for a delegate of an organisation or an
 * observer of a delegation. `path` is the link's path on this server (`/invite/<token>`).
 */
export async function createInvite(
  draftId: string,
  input: { role: Role; affiliation: InviteAffiliation; expiresInDays?: number },
): Promise<{ invite: Invite; path: string }> {
  return requestJson(invitesPath(draftId), z.object({ invite: inviteSchema, path: z.string() }), {
    method: 'POST',
    json: input,
  });
}

/** Revokes an invitation: its link stops working at once (chair only). */
export async function revokeInvite(draftId: string, inviteId: string): Promise<void> {
  await requestJson(invitesPath(draftId, inviteId), okAnswer, { method: 'DELETE' });
}

/** The delegations and organisations known to this server, to invite one of them again. */
export async function listAffiliations(signal?: AbortSignal): Promise<Affiliation[]> {
  const { affiliations } = await requestJson(
    '/api/affiliations',
    z.object({ affiliations: z.array(affiliationSchema) }),
    { signal },
  );
  return affiliations;
}

/** What an invitation link is for; anyone with the link may read it. Rejects with `invite_not_found` (404). */
export async function readInvite(token: string, signal?: AbortSignal): Promise<PublicInvite> {
  const { invite } = await requestJson(
    `/api/invites/${encodeURIComponent(token)}`,
    z.object({ invite: publicInviteSchema }),
    { signal },
  );
  return invite;
}

/**
 * Accepts an invitation: signed in, with no account details (adds the role to this account);
 * signed out, with the new account's name, email and password (creates it and signs in).
 * Rejects with `affiliation_mismatch` (403), `email_taken` (409) and `invite_closed` (410).
 */
export async function acceptInvite(
  token: string,
  account?: { name: string; email: string; password: string },
): Promise<{ draftId: string; role: Role }> {
  return requestJson(
    `/api/invites/${encodeURIComponent(token)}/accept`,
    z.object({ draftId: z.string(), role: z.enum(ROLES) }),
    {
      method: 'POST',
      json: account ?? {},
    },
  );
}
