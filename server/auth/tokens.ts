import { createHash, randomBytes } from 'node:crypto';

/** Prefixes make a leaked secret recognisable (and scannable) for what it is. */
export const TOKEN_PREFIX = { session: 'acs_', token: 'acp_', invite: 'aci_', device: 'acd_' } as const;

/** A new secret: a prefix and 32 random bytes in base64url. Only its hash is ever stored. */
export function newSecret(kind: keyof typeof TOKEN_PREFIX): string {
  return `${TOKEN_PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
}

/** The SHA-256 of a secret, hex: what the database keeps, so a stolen database holds no usable token. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
