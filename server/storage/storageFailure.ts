/**
 * SQLite result codes (primary, or extended by their prefix) that say the database cannot be
 * written right now, whatever the statement was: the disk or the database is full, the disk
 * failed or went read-only, the file cannot be opened, or another writer held the lock past the
 * busy timeout. None of them says the request was wrong; the same request may work later.
 */
const STORAGE_SQLITE_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_BUSY'];

/** The same for the operating system's errors (a file written beside the database, an export). */
const STORAGE_SYSTEM_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO']);

/**
 * Whether `error` is the storage failing (see the codes above) rather than a defect or a bad
 * request: the one place that decides it. Such an error becomes the API's 503
 * `storage_unavailable`, marks the storage unhealthy (`StorageHealth`) and makes the collab
 * server refuse the change it could not store. Looks through `cause` chains, since a layer may
 * wrap the driver's error.
 */
export function isStorageFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (STORAGE_SYSTEM_CODES.has(code)) return true;
      if (STORAGE_SQLITE_CODES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`))) return true;
    }
    current = current.cause;
  }
  return false;
}
