import { customAlphabet } from 'nanoid';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { PublicUser } from '../../shared/roles';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import type { AffiliationRecord, SessionRecord, Storage, UserRecord } from '../storage/Storage';
import { verifyPassword } from './passwords';
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
  /** Failed sign-ins allowed per account, and per address, in `loginWindowSeconds`. */
  loginAttemptsPerAccount: number;
  loginAttemptsPerAddress: number;
  loginWindowSeconds: number;
}

/** A hash to compare against when the account does not exist, so timing does not tell whether it does. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Sign-in, sessions and personal access tokens. Secrets are random, shown once, and stored only
 * as SHA-256 hashes; passwords only as scrypt hashes. Failed sign-ins are rate-limited per
 * account and per address.
 */
export class AuthService {
  private readonly perAccount: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly options: AuthOptions,
  ) {
    this.perAccount = new RateLimiterMemory({
      points: options.loginAttemptsPerAccount,
      duration: options.loginWindowSeconds,
    });
    this.perAddress = new RateLimiterMemory({
      points: options.loginAttemptsPerAddress,
      duration: options.loginWindowSeconds,
    });
  }

  /** Checks a password and opens a browser session; the returned token is shown once. */
  async login(emailInput: string, password: string, address: string): Promise<{ token: string; principal: Principal }> {
    const email = normaliseEmail(emailInput);
    await this.refuseIfLimited(email, address);
    const user = await this.storage.getUserByEmail(email);
    const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !matches) {
      await Promise.all([this.perAccount.penalty(email), this.perAddress.penalty(address)]);
      this.logger.info({ email, address }, 'failed sign-in');
      throw new ApiError(401, 'invalid_credentials', 'The email address or password is not right.');
    }
    await this.perAccount.delete(email);
    const opened = await this.openSession(user);
    this.logger.info({ userId: user.id, sessionId: opened.principal.session.id }, 'signed in');
    return opened;
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
    return { user, affiliation: await this.affiliationOf(user), session };
  }

  /** Creates a personal access token for scripts; the token is returned once and never again. */
  async createAccessToken(principal: Principal, name: string): Promise<{ token: string; session: SessionRecord }> {
    const token = newSecret('token');
    const session = await this.storage.createSession({
      id: newId(),
      tokenHash: hashSecret(token),
      userId: principal.user.id,
      kind: 'token',
      name,
      createdAt: new Date().toISOString(),
      expiresAt: null,
      revokedAt: null,
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

  private async refuseIfLimited(email: string, address: string): Promise<void> {
    const [account, origin] = await Promise.all([this.perAccount.get(email), this.perAddress.get(address)]);
    const blocked = [
      account && account.consumedPoints >= this.options.loginAttemptsPerAccount ? account.msBeforeNext : 0,
      origin && origin.consumedPoints >= this.options.loginAttemptsPerAddress ? origin.msBeforeNext : 0,
    ];
    const waitMs = Math.max(...blocked);
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      throw new ApiError(
        429,
        'too_many_attempts',
        `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        {
          retryAfterSeconds: Math.ceil(waitMs / 1000),
        },
      );
    }
  }
}

/** Emails are compared case-insensitively and without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
