import type { Storage } from '../storage/Storage';

/** A read held by {@link holdMembershipRead}. */
export interface HeldRead {
  /** Resolves once the read has been made and is held. */
  held: Promise<void>;
  /** Lets the held read answer, with what it read before. */
  release(): void;
  /** Reads are no longer held (what is held is let go). */
  restore(): void;
}

/**
 * Holds the next read of a person's membership of a draft once it has read: the collab upgrade
 * reads it last, so the access is decided on what was stored before a change the test then makes,
 * and the connection arrives after that change. Only the first such read is held.
 */
export function holdMembershipRead(storage: Storage, draftId: string, userId: string): HeldRead {
  const read = storage.getMembership.bind(storage);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const held = new Promise<void>((resolve) => (entered = resolve));
  storage.getMembership = async (...args) => {
    if (args[0] !== draftId || args[1] !== userId) return read(...args);
    storage.getMembership = read;
    const membership = await read(...args);
    entered();
    await released;
    return membership;
  };
  return {
    held,
    release,
    restore() {
      storage.getMembership = read;
      release();
    },
  };
}
