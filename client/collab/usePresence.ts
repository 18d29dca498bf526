import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { CollabSession } from './CollabSession';

/** Someone else who has this draft open right now, as their awareness state describes them. */
export interface Collaborator {
  name: string;
  color: string;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Reads `user` from an untyped awareness state; anything malformed is ignored, never trusted. */
function collaboratorOf(state: unknown): Collaborator | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user: unknown = state.user;
  if (typeof user !== 'object' || user === null || !('name' in user) || !('color' in user)) return null;
  const { name, color } = user;
  if (typeof name !== 'string' || name.trim() === '' || typeof color !== 'string') return null;
  return { name: name.slice(0, 80), color: HEX_COLOR.test(color) ? color : '#687084' };
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
      if (person !== null) people.set(`${person.name}\u0000${person.color}`, person);
    }
    const value = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
    const key = value.map((p) => `${p.name}\u0000${p.color}`).join('\u0001');
    if (key !== cache.current.key) cache.current = { key, value };
    return cache.current.value;
  }, [session]);

  return useSyncExternalStore(subscribe, getSnapshot);
}
