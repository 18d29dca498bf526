import type { CollabEvent } from '../../shared/collab';
import { ApiError } from '../api/ApiError';
import type { CollabSession } from './CollabSession';

/** What every live store's state says about its read: loading, ready, or failed with a sentence. */
export interface LiveReadState {
  phase: 'loading' | 'ready' | 'error';
  /** Why the data could not be read, in a sentence; null when it could. */
  error: string | null;
}

/**
 * Data of one open draft kept live: read from the API once, then changed by the events the
 * server pushes on the draft's collab socket, and read again after every reconnection so nothing
 * missed while offline stays missing. Events that arrive while a read is in flight are applied
 * again over its answer. Follows the `useSyncExternalStore` contract; subclasses say what to
 * read, which events concern them (checked: the socket is a boundary like the API) and how an
 * event changes the state.
 */
export abstract class LiveCollabStore<State extends LiveReadState, Event> {
  protected state: State;
  private readonly listeners = new Set<() => void>();
  private running = false;
  private unsubscribe: (() => void)[] = [];
  private loading: AbortController | null = null;
  private eventsDuringLoad: Event[] = [];
  private wasConnected = false;

  constructor(
    protected readonly session: CollabSession,
    initialState: State,
    /** Shown when the first read fails for a reason the server did not put in words. */
    private readonly readFailed: string,
  ) {
    this.state = initialState;
  }

  /** The draft this data belongs to. */
  get draftId(): string {
    return this.session.draftId;
  }

  /** Starts listening to the session and reads everything. Safe to call again after {@link stop}. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.wasConnected = this.session.getStatus().connection === 'connected';
    this.unsubscribe = [
      this.session.onCollabEvent((event) => this.onEvent(event)),
      this.session.subscribe(() => this.onStatus()),
    ];
    void this.reload();
    this.started();
  }

  /** Stops listening and abandons any read in flight. */
  stop(): void {
    this.running = false;
    for (const off of this.unsubscribe.splice(0)) off();
    this.loading?.abort();
    this.loading = null;
  }

  /** Registers a listener for changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The current state; the same object until something changes. */
  getState = (): State => this.state;

  /** Reads everything again. */
  async reload(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.eventsDuringLoad = [];
    try {
      const read = await this.read(controller.signal);
      if (controller.signal.aborted) return;
      this.loading = null;
      this.update({ ...read, phase: 'ready', error: null });
      for (const event of this.eventsDuringLoad.splice(0)) this.apply(event, false);
    } catch (caught) {
      if (controller.signal.aborted) return;
      this.loading = null;
      const message = caught instanceof ApiError ? caught.message : this.readFailed;
      // Data already on screen stays there; only a first read that failed shows the error.
      this.update(this.state.phase === 'ready' ? {} : ({ phase: 'error', error: message } as Partial<State>));
    }
  }

  /** What a full read gives: the state's data fields. */
  protected abstract read(signal: AbortSignal): Promise<Partial<State>>;

  /** The event, checked, if it concerns this store; null otherwise. */
  protected abstract readEvent(event: CollabEvent): Event | null;

  /** Applies an event: `live` when it just arrived, false when replayed over a fresh read. */
  protected abstract apply(event: Event, live: boolean): void;

  /** Runs once listening has started (for reads besides the main one). */
  protected started(): void {}

  /** Whether the store is listening (changes made after {@link stop} are dropped). */
  protected get isRunning(): boolean {
    return this.running;
  }

  protected update(changes: Partial<State>): void {
    if (!this.running) return;
    this.state = { ...this.state, ...changes };
    for (const listener of [...this.listeners]) listener();
  }

  private onEvent(raw: CollabEvent): void {
    const event = this.readEvent(raw);
    if (event === null) return;
    if (this.loading !== null) this.eventsDuringLoad.push(event);
    this.apply(event, true);
  }

  private onStatus(): void {
    const connected = this.session.getStatus().connection === 'connected';
    // Events sent while this page was disconnected are lost: read everything again.
    if (connected && !this.wasConnected) void this.reload();
    this.wasConnected = connected;
  }
}
