import { z } from 'zod';
import type { Member, Role } from '../../shared/roles';
import { memberSchema } from './peopleSchemas';
import { okAnswer, requestJson } from './requestJson';

function membersPath(draftId: string, userId?: string): string {
  const base = `/api/drafts/${encodeURIComponent(draftId)}/members`;
  return userId === undefined ? base : `${base}/${encodeURIComponent(userId)}`;
}

/** Everyone who holds a role on a draft (any member may read it). */
export async function listMembers(draftId: string, signal?: AbortSignal): Promise<Member[]> {
  const { members } = await requestJson(membersPath(draftId), z.object({ members: z.array(memberSchema) }), { signal });
  return members;
}

/**
 * Gives a member another role (chair only). Their open connections follow at once. Rejects with
 * `last_chair` (409) when it would leave the draft without a chair.
 */
export async function changeMemberRole(draftId: string, userId: string, role: Role): Promise<void> {
  await requestJson(membersPath(draftId, userId), okAnswer, { method: 'PATCH', json: { role } });
}

/** Removes a member (chair only); their open connections close at once. Rejects with `last_chair` (409). */
export async function removeMember(draftId: string, userId: string): Promise<void> {
  await requestJson(membersPath(draftId, userId), okAnswer, { method: 'DELETE' });
}
