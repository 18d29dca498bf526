import { useCallback, useSyncExternalStore } from 'react';
import {
  IDENTITY_CHANGED_EVENT,
  IDENTITY_STORAGE_KEY,
  loadIdentity,
  readStoredName,
  saveIdentity,
  type Identity,
} from './identity';

let cached: { raw: string | null; identity: Identity | null } | null = null;

/** The current identity, re-derived only when the stored name changes (a stable reference for React). */
function getSnapshot(): Identity | null {
  const raw = readStoredName();
  if (cached === null || cached.raw !== raw) cached = { raw, identity: loadIdentity() };
  return cached.identity;
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === IDENTITY_STORAGE_KEY || event.key === null) onChange();
  };
  window.addEventListener(IDENTITY_CHANGED_EVENT, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(IDENTITY_CHANGED_EVENT, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * The person's display name and caret colour, live across tabs, and a setter. Null until they
 * have chosen a name.
 */
export function useIdentity(): [Identity | null, (name: string) => void] {
  const identity = useSyncExternalStore(subscribe, getSnapshot, () => null);
  const setName = useCallback((name: string) => saveIdentity(name), []);
  return [identity, setName];
}
