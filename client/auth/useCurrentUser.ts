import { useEffect, useSyncExternalStore } from 'react';
import { currentUserStore, type CurrentUserState } from './CurrentUserStore';

/** Who is signed in at this browser, re-rendering on sign-in and sign-out; asks the server once. */
export function useCurrentUser(): CurrentUserState {
  const state = useSyncExternalStore(currentUserStore.subscribe, currentUserStore.getState);
  useEffect(() => {
    void currentUserStore.load();
  }, []);
  return state;
}
