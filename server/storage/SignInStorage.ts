/**
 * What sign-in throttling keeps between requests and restarts: attempts counted per key (an
 * account, a client address, a trusted browser) and the browsers trusted for an account. Part of
 * {@link Storage}.
 */
export interface SignInStorage {
  /** The attempts counted against one key, or undefined when none are. */
  getLoginAttempts(key: string): Promise<LoginAttemptsRecord | undefined>;
  /**
   * Replaces a key's attempts with `next` (null: forgets them) only if they are still `expected`
   * (undefined: none), and says whether it did: two sign-ins that read the same count cannot both
   * take the last free attempt.
   */
  swapLoginAttempts(
    key: string,
    expected: LoginAttemptsRecord | undefined,
    next: LoginAttemptsRecord | null,
  ): Promise<boolean>;
  /** Forgets a key's attempts whatever they are (after a successful sign-in). */
  deleteLoginAttempts(key: string): Promise<void>;

  /** A browser trusted for one account because it signed in to it; only the SHA-256 of its cookie is stored. */
  createLoginDevice(device: LoginDeviceRecord): Promise<void>;
  getLoginDeviceByTokenHash(tokenHash: string): Promise<LoginDeviceRecord | undefined>;

  /** Drops attempts last made before `attemptsBefore` and browsers whose trust expired before `devicesBefore`. */
  pruneSignIns(attemptsBefore: Date, devicesBefore: Date): Promise<void>;
}

/** Sign-in attempts counted against one key (`account:…`, `address:…` or `device:…`). */
export interface LoginAttemptsRecord {
  key: string;
  /** Attempts reserved and not cleared by a success. */
  attempts: number;
  lastAttemptAt: string;
}

/** A browser that signed in to an account, known by the hash of its device cookie. */
export interface LoginDeviceRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}
