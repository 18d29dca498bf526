import { useCallback, useRef, useSyncExternalStore } from 'react';
import { ROLES, type Role } from '../../shared/roles';
import type { CollabSession } from './CollabSession';

/**
 * Someone else who has this draft open right now. The server stamps who they are on every
 * presence (`PresenceUser` in shared/roles.ts): name, colour, role and delegation or organisation.
 */
export interface Collaborator {
  /** Null only for presence from a server that does not stamp it. */
  userId: string | null;
  name: string;
  color: string;
  role: Role | null;
  /** Their delegation or organisation, e.g. "Republic of Valdoria". */
  affiliation: string | null;
  /** The delegation's ISO 3166-1 alpha-3 code; null for an organisation. */
  affiliationCode: string | null;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

function optionalString(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.slice(0, max) : null;
}

/** Reads `user` from an untyped awareness state; anything malformed is ignored, never trusted. */
function collaboratorOf(state: unknown): Collaborator | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user: unknown = state.user;
  if (typeof user !== 'object' || user === null) return null;
  const fields = user as Record<string, unknown>;
  const name = optionalString(fields.name, 80);
  if (name === null || typeof fields.color !== 'string') return null;
  const role = ROLES.find((candidate) => candidate === fields.role) ?? null;
  return {
    userId: optionalString(fields.userId, 64),
    name,
    color: HEX_COLOR.test(fields.color) ? fields.color : '#687084',
    role,
    affiliation: optionalString(fields.affiliation, 200),
    affiliationCode: optionalString(fields.affiliationCode, 8),
  };
}

function keyOf(person: Collaborator): string {
  return [
    person.userId ?? person.name,
    person.name,
    person.color,
    person.role,
    person.affiliation,
    person.affiliationCode,
  ].join('\u0000');
}

/**
 * The other people in this draft, one entry per person (a person with two tabs open counts
 * once), sorted by name, updated live from the provider's awareness.
 */
export function usePresence(session: CollabSession | null): Collaborator[] {
  const cache = useRef<{ key: string; value: Collaborator[] }>({ key: '', value: [] });

  const subscribe = useCallback(
    (onChange: () => void) => {
      if (session === null) return () => {};
      session.provider.awareness.on('change', onChange);
      return () => session.provider.awareness.off('change', onChange);
    },
    [session],
  );

  const getSnapshot = useCallback((): Collaborator[] => {
    if (session === null) return cache.current.value;
    const { awareness } = session.provider;
    const people = new Map<string, Collaborator>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const person = collaboratorOf(state);
      if (person !== null) people.set(person.userId ?? `${person.name}\u0000${person.color}`, person);
    }
    const value = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
    const key = value.map(keyOf).join('\u0001');
    if (key !== cache.current.key) cache.current = { key, value };
    return cache.current.value;
  }, [session]);

  return useSyncExternalStore(subscribe, getSnapshot);
}
