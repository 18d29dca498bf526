/**
 * SQLite result codes (primary, or extended by their prefix) that say the database cannot be
 * written right now, whatever the statement was: the disk or the database is full, the disk
 * failed or went read-only, the file cannot be opened, or another writer held the lock past the
 * busy timeout. None of them says the request was wrong; the same request may work later.
 */
const STORAGE_SQLITE_CODES = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_BUSY'];

/**
 * The same for PostgreSQL's SQLSTATE codes, by class or in full: the connection failed (08), the
 * server ran out of disk, memory or connections (53), is shutting down or starting (57P01–57P05),
 * hit a system or I/O error (58), or is a read-only standby (25006, after a fail-over).
 */
const STORAGE_SQLSTATE_PREFIXES = ['08', '53', '57P0', '58', '25006'];

/**
 * The same for the operating system's errors: a file written beside the database or an export,
 * and the network between the server and a database server (refused, reset, timed out,
 * unreachable, or its name not found).
 */
const STORAGE_SYSTEM_CODES = new Set([
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EIO',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** The code {@link DatabaseUnreachable} carries, for `/api/health` and the logs. */
export const DATABASE_UNREACHABLE = 'DATABASE_UNREACHABLE';

/**
 * The database server could not be reached, or the connection to it broke, where the driver says
 * so without a code (`Connection terminated unexpectedly`, a pool's connect timeout). The
 * driver's error is its `cause`.
 */
export class DatabaseUnreachable extends Error {
  readonly code = DATABASE_UNREACHABLE;

  constructor(cause: unknown) {
    super(`The database server could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'DatabaseUnreachable';
  }
}

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
      if (code === DATABASE_UNREACHABLE || STORAGE_SYSTEM_CODES.has(code)) return true;
      if (STORAGE_SQLITE_CODES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`))) return true;
      if (isSqlState(code) && STORAGE_SQLSTATE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
    }
    current = current.cause;
  }
  return false;
}

/** A PostgreSQL SQLSTATE: five digits or capital letters, its class first (never a Node error code, which begins with E). */
function isSqlState(code: string): boolean {
  return /^[0-9][0-9A-Z]{4}$/.test(code);
}
