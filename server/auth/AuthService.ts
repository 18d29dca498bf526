import { customAlphabet } from 'nanoid';
import type { PublicUser } from '../../shared/roles';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import type { AffiliationRecord, SessionRecord, Storage, UserRecord } from '../storage/Storage';
import { verifyPassword } from './passwords';
import { FORGET_ATTEMPTS_AFTER_MS, SignInThrottle, type ThrottleKey, type ThrottlePolicy } from './SignInThrottle';
import { hashSecret, newSecret } from './tokens';

/** Ids of users, sessions, affiliations and invites. */
export const newId = customAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 16);

/** Who is calling: the person, the body they speak for, and the session or token they used. */
export interface Principal {
  user: UserRecord;
  affiliation: AffiliationRecord;
  session: SessionRecord;
}

export interface AuthOptions {
  /** How long a browser session lasts. */
  sessionTtlMs: number;
  /** How sign-ins to one account are slowed (also those from one trusted browser, counted apart). */
  accountThrottle: ThrottlePolicy;
  /** How sign-ins from one client address without a trusted browser are slowed, whatever the account. */
  addressThrottle: ThrottlePolicy;
}

/** How long a browser stays trusted for an account after signing in to it. */
export const DEVICE_TTL_MS = 365 * 24 * 3600 * 1000;

/** A session's or token's last use is written at most this often, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** What a sign-in presents: the credentials, where it comes from, and the browser's device cookie if any. */
export interface LoginAttempt {
  email: string;
  password: string;
  address: string;
  deviceToken?: string | undefined;
}

/** A hash to compare against when the account does not exist, so timing does not tell whether it does. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Sign-in, sessions and personal access tokens. Secrets are random, shown once, and stored only
 * as SHA-256 hashes; passwords only as scrypt hashes. Sign-ins are slowed, not locked out, as
 * OWASP's "device cookies" describe: a browser that signed in to an account before is counted on
 * its own, so strangers guessing that account (or any account from a shared address) do not keep
 * its owner out; everyone else is counted per account and per client address.
 */
export class AuthService {
  private readonly throttle: SignInThrottle;
  private lastPrunedAt = 0;

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly options: AuthOptions,
  ) {
    this.throttle = new SignInThrottle(storage);
  }

  /**
   * Checks a password and opens a browser session; the returned token is shown once. Also returns
   * a new device cookie when the browser had no valid one for this account.
   */
  async login(attempt: LoginAttempt): Promise<{ token: string; principal: Principal; deviceToken: string | null }> {
    const email = normaliseEmail(attempt.email);
    const user = await this.storage.getUserByEmail(email);
    const device = user ? await this.trustedDevice(attempt.deviceToken, user) : null;
    const keys: ThrottleKey[] = device
      ? [{ key: device, policy: this.options.accountThrottle }]
      : [
          { key: `address:${attempt.address}`, policy: this.options.addressThrottle },
          { key: `account:${email}`, policy: this.options.accountThrottle },
        ];
    const waitMs = await this.throttle.reserve(keys);
    if (waitMs > 0) {
      this.logger.info({ email, address: attempt.address, waitMs }, 'sign-in slowed');
      throw tooManyAttempts(waitMs);
    }
    const matches = await verifyPassword(attempt.password, user?.passwordHash ?? DUMMY_HASH);
    this.pruneNowAndThen();
    if (!user || !matches) {
      this.logger.info({ email, address: attempt.address, trustedBrowser: device !== null }, 'failed sign-in');
      throw new ApiError(401, 'invalid_credentials', 'The email address or password is not right.');
    }
    if (device) await this.throttle.clear(device);
    else
      await Promise.all([this.throttle.clear(`account:${email}`), this.throttle.release(`address:${attempt.address}`)]);
    const opened = await this.openSession(user);
    this.logger.info({ userId: user.id, sessionId: opened.principal.session.id }, 'signed in');
    return { ...opened, deviceToken: device ? null : await this.trustDevice(user) };
  }

  /** Opens a browser session for a person who has just proved who they are (signed in, or created their account). */
  async openSession(user: UserRecord): Promise<{ token: string; principal: Principal }> {
    const token = newSecret('session');
    const now = new Date();
    const session = await this.storage.createSession({
      id: newId(),
      tokenHash: hashSecret(token),
      userId: user.id,
      kind: 'session',
      name: null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.sessionTtlMs).toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    });
    const affiliation = await this.affiliationOf(user);
    return { token, principal: { user, affiliation, session } };
  }

  /** The principal behind a session token or personal access token, or null if it is unknown, expired or revoked. */
  async authenticate(token: string | undefined | null): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const session = await this.storage.getSessionByTokenHash(hashSecret(token));
    if (!session || session.revokedAt) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) return null;
    const user = await this.storage.getUser(session.userId);
    if (!user) return null;
    await this.noteUse(session);
    return { user, affiliation: await this.affiliationOf(user), session };
  }

  /** Creates a personal access token for scripts, expiring after `expiresInDays`; the token is returned once and never again. */
  async createAccessToken(
    principal: Principal,
    name: string,
    expiresInDays: number,
  ): Promise<{ token: string; session: SessionRecord }> {
    const token = newSecret('token');
    const now = new Date();
    const session = await this.storage.createSession({
      id: newId(),
      tokenHash: hashSecret(token),
      userId: principal.user.id,
      kind: 'token',
      name,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + expiresInDays * 24 * 3600 * 1000).toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    });
    return { token, session };
  }

  /** Revokes one of the person's own sessions or tokens; false if it is not theirs. */
  async revoke(principal: Principal, sessionId: string): Promise<boolean> {
    const sessions = await this.storage.listSessions(principal.user.id);
    if (!sessions.some((session) => session.id === sessionId)) return false;
    await this.storage.revokeSession(sessionId, new Date());
    return true;
  }

  /** The person as the API shows them: no hash, no token. */
  publicUser(principal: Pick<Principal, 'user' | 'affiliation'>): PublicUser {
    const { user, affiliation } = principal;
    return { id: user.id, name: user.name, email: user.email, affiliation, canCreateDrafts: user.canCreateDrafts };
  }

  private async affiliationOf(user: UserRecord): Promise<AffiliationRecord> {
    const affiliation = await this.storage.getAffiliation(user.affiliationId);
    if (!affiliation) throw new Error(`user ${user.id} has no affiliation`);
    return affiliation;
  }

  /** Records a session's or token's use, at most once per {@link LAST_USED_RESOLUTION_MS}; a failure to record never refuses the request. */
  private async noteUse(session: SessionRecord): Promise<void> {
    const now = Date.now();
    if (session.lastUsedAt && now - Date.parse(session.lastUsedAt) < LAST_USED_RESOLUTION_MS) return;
    try {
      await this.storage.touchSession(session.id, new Date(now));
    } catch (error) {
      this.logger.warn({ err: error, sessionId: session.id }, 'recording a session’s last use failed');
    }
  }

  /** The throttle key of the browser's device cookie if it is valid for this person, else null. */
  private async trustedDevice(deviceToken: string | undefined, user: UserRecord): Promise<string | null> {
    if (!deviceToken || deviceToken.length > 200) return null;
    const tokenHash = hashSecret(deviceToken);
    const device = await this.storage.getLoginDeviceByTokenHash(tokenHash);
    if (!device || device.userId !== user.id || Date.parse(device.expiresAt) <= Date.now()) return null;
    return `device:${tokenHash}`;
  }

  /** Trusts this browser for the person from now on; returns the device cookie's value. */
  private async trustDevice(user: UserRecord): Promise<string> {
    const token = newSecret('device');
    const now = Date.now();
    await this.storage.createLoginDevice({
      tokenHash: hashSecret(token),
      userId: user.id,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + DEVICE_TTL_MS).toISOString(),
    });
    return token;
  }

  /** Drops forgotten attempts and expired browsers, at most once an hour, off the sign-in's path. */
  private pruneNowAndThen(): void {
    const now = Date.now();
    if (now - this.lastPrunedAt < 3600 * 1000) return;
    this.lastPrunedAt = now;
    this.storage
      .pruneSignIns(new Date(now - FORGET_ATTEMPTS_AFTER_MS), new Date(now))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'pruning sign-in records failed'));
  }
}

/** The 429 of a slowed sign-in, with how long to wait in its sentence and in `Retry-After`. */
function tooManyAttempts(waitMs: number): ApiError {
  const seconds = Math.ceil(waitMs / 1000);
  const minutes = Math.ceil(seconds / 60);
  const wait =
    seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return new ApiError(429, 'too_many_attempts', `Too many failed sign-ins. Try again in ${wait}.`, {
    retryAfterSeconds: seconds,
  });
}

/** Emails are compared case-insensitively and without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
