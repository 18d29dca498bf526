import type { Principal } from '../auth/AuthService';

/** How a request proved who it is: the session cookie (browsers) or a bearer token (scripts). */
export interface AuthContext {
  principal: Principal;
  via: 'cookie' | 'bearer';
  /** The secret presented, so sign-out can revoke exactly it. */
  token: string;
}

/** Hono's context variables for Accord's routes. */
export interface AppEnv {
  Variables: {
    auth: AuthContext | null;
    /** The client's address, through trusted proxies only (see `clientAddress.ts`). */
    clientAddress: string;
  };
}
