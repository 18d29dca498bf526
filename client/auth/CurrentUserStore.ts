import type { PublicUser } from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { fetchCurrentUser } from '../api/authApi';
import { onUnauthenticated } from '../api/requestJson';

/** Who is at this browser, as far as the server has said. */
export type CurrentUserState =
  | { kind: 'loading' }
  | { kind: 'signed-in'; user: PublicUser }
  | { kind: 'signed-out' }
  /** The server could not be asked (offline, down): the message says what to do. */
  | { kind: 'unavailable'; message: string };

/**
 * The signed-in person for the whole page, asked of the server (`GET /api/auth/me`) once and
 * kept in sync with what later calls learn: a sign-in or sign-out on this page, and any API
 * answer saying the session is gone. React reads it through {@link subscribe}/{@link getState}
 * (the `useSyncExternalStore` contract). Identity comes only from the server: nothing about the
 * person is stored in the browser.
 */
export class CurrentUserStore {
  private state: CurrentUserState = { kind: 'loading' };
  private readonly listeners = new Set<() => void>();
  private loading: Promise<void> | null = null;

  constructor() {
    onUnauthenticated(() => this.signedOut());
  }

  /** Registers a listener for changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The current state; the same object until something changes. */
  getState = (): CurrentUserState => this.state;

  /** Asks the server who is signed in, unless an answer is already there (or `force`). */
  load(force = false): Promise<void> {
    if (!force && (this.state.kind === 'signed-in' || this.state.kind === 'signed-out')) return Promise.resolve();
    if (this.loading) return this.loading;
    if (this.state.kind === 'unavailable') this.set({ kind: 'loading' });
    this.loading = fetchCurrentUser()
      .then((user) => this.set({ kind: 'signed-in', user }))
      .catch((caught: unknown) => {
        if (caught instanceof ApiError && caught.status === 401) this.set({ kind: 'signed-out' });
        else
          this.set({
            kind: 'unavailable',
            message: caught instanceof ApiError ? caught.message : 'Accord could not check who you are. Try again.',
          });
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** Records a successful sign-in (or account creation) on this page. */
  signedIn(user: PublicUser): void {
    this.set({ kind: 'signed-in', user });
  }

  /** Records that nobody is signed in any more. */
  signedOut(): void {
    if (this.state.kind !== 'signed-out') this.set({ kind: 'signed-out' });
  }

  private set(state: CurrentUserState): void {
    const unchanged =
      state.kind === 'signed-in' &&
      this.state.kind === 'signed-in' &&
      JSON.stringify(state.user) === JSON.stringify(this.state.user);
    if (unchanged) return;
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}

/** The page's one store of who is signed in. */
export const currentUserStore = new CurrentUserStore();
