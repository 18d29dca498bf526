import type { PresenceUser, Role } from '../../shared/roles';
import type { Principal } from './AuthService';

/** Caret colours: distinct, readable as a label background with white text. */
const PRESENCE_COLORS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#a16207',
  '#4338ca',
  '#0f766e',
  '#9333ea',
];

/** The same person always gets the same colour. */
export function presenceColor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (Math.imul(hash, 31) + userId.charCodeAt(i)) | 0;
  return PRESENCE_COLORS[Math.abs(hash) % PRESENCE_COLORS.length]!;
}

/** The identity the server stamps on a person's presence in a draft. */
export function presenceFor(principal: Pick<Principal, 'user' | 'affiliation'>, role: Role): PresenceUser {
  return {
    userId: principal.user.id,
    name: principal.user.name,
    color: presenceColor(principal.user.id),
    role,
    affiliation: principal.affiliation.name,
    affiliationCode: principal.affiliation.code,
  };
}
