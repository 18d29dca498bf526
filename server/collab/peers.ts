import type { CollabEvent } from '../../shared/collab';
import type { Comment } from '../../shared/comments';
import type { Pillar } from '../../shared/pillars';
import type { Amendment, ReviewCycle } from '../../shared/review/types';
import type { Role } from '../../shared/roles';
import type { AmendmentRecord, ReviewCycleRecord } from '../storage/Storage';
import type { ConnectionAccess } from './ConnectionAccess';

/**
 * What the instances serving the same drafts tell each other, and the shape of that conversation
 * as the collab core sees it. The transport (Redis pub/sub) is in `server/cluster`; with a single
 * instance there are no peers and none of this is sent.
 */

/** Rows of a draft's log that one instance stored, as it tells the others: numbers `first` to `last`. */
export interface PeerChange {
  first: number;
  last: number;
  updates: Uint8Array[];
  /** Whose Yjs client ids each update writes under: the sender's user id, or null for the server. */
  holders: (string | null)[];
}

/** What one loaded draft says to the same draft on the other instances. */
export interface DraftPeers {
  /** Rows this instance has just stored (they are committed: peers may read them from the log). */
  publishChange(change: PeerChange): void;
  /** Presence entries of this instance's connections that changed (a y-protocols awareness update). */
  publishPresence(update: Uint8Array): void;
}

/**
 * A live event for a draft's open clients, as data: each instance shapes it for each of its own
 * connections (`shapeLiveEvent`), since what a reader is shown depends on who they are.
 */
export type LiveEvent =
  /** The same event for everyone. */
  | { kind: 'everyone'; event: CollabEvent }
  /** A comment; its body is hidden from readers who may not see it. */
  | { kind: 'comment'; comment: Comment; authorId: string }
  /** An amendment, to those who may read it. */
  | { kind: 'amendment'; amendment: Amendment; record: AmendmentRecord }
  /** A review cycle's summary, counted for each reader's delegation. */
  | {
      kind: 'review-cycle';
      record: ReviewCycleRecord;
      refs: Pick<ReviewCycle, 'baseVersion' | 'openedBy' | 'consolidated'>;
      amendments: AmendmentRecord[];
    };

/** Shapes a live event for one connection: what it is sent, or null for nothing. */
export type ShapeLiveEvent = (event: LiveEvent, access: ConnectionAccess) => CollabEvent | null;

/** A message about one draft between instances. */
export type DraftMessage =
  | { type: 'change'; change: PeerChange }
  | { type: 'presence'; update: Uint8Array }
  /** An instance has just loaded the draft: the others send it their connections' presence. */
  | { type: 'presence-query' }
  | { type: 'event'; event: LiveEvent }
  | { type: 'membership'; userId: string; role: Role | null }
  | { type: 'facilitator-mode'; on: boolean }
  | { type: 'pillars'; pillars: Pillar[] }
  /** The draft's stored text was replaced: connections are told and closed, and the draft unloaded. */
  | { type: 'evicted'; event: CollabEvent };

/** A message for every instance, whatever drafts it has open. */
export type InstanceMessage = { type: 'session-ended'; sessionId: string };

/** The other instances of this deployment. */
export interface Peers {
  /**
   * Starts hearing a draft's messages from the other instances (`from`: the sender's id); resolves,
   * once listening, to the way to stop. What they store after the caller then reads the log is heard.
   */
  join(draftId: string, hear: (message: DraftMessage, from: string) => void): Promise<() => Promise<void>>;
  /** Tells the other instances that have the draft open (whether this one has it or not). */
  publish(draftId: string, message: DraftMessage): void;
  publishToAll(message: InstanceMessage): void;
  /** Hears messages for every instance. */
  onInstanceMessage(hear: (message: InstanceMessage) => void): void;
  /** Called when the connection to the other instances came back after a loss: messages may have been missed. */
  onReconnect(listener: () => void): void;
  /**
   * Called with an instance's id when it leaves, or has not been heard from for a few heartbeats
   * (killed, cut off): what it relayed for its connections is no longer renewed.
   */
  onInstanceGone(listener: (instanceId: string) => void): void;
  close(): Promise<void>;
}
