/** A small key/value store for server bookkeeping (for example whether the demo was seeded). Part of {@link Storage}. */
export interface MetaStorage {
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Sets `key` only if it has no value yet; true for the one caller that set it (of several servers at once). */
  claimMeta(key: string, value: string): Promise<boolean>;
}
