/**
 * Shapes of the JSON API shared by the server's responses and the client's reads.
 */

import type { Pillar } from './pillars';
import type { Role } from './roles';

/** A draft as listed and read through `/api/drafts`, with the caller's role on it. */
export interface DraftSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  role: Role;
  /**
   * The draft is in facilitator mode: only the chair edits, everyone else suggests
   * (docs/suggestions.md). The server always sends it; older clients may ignore it.
   */
  facilitatorMode?: boolean;
  /** The draft's own pillars, in order: what its clauses are tagged with. */
  pillars: Pillar[];
}

/** Every API error body: a stable machine id and a sentence for people. */
export interface ApiErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

/**
 * A browser session or a personal access token as its owner sees it through `/api/auth/sessions`:
 * never the secret or its hash.
 */
export interface AccessSession {
  id: string;
  kind: 'session' | 'token';
  /** A token's name; null for a browser session. */
  name: string | null;
  createdAt: string;
  /** When it stops working; every session and token has one (older tokens may show null). */
  expiresAt: string | null;
  revokedAt: string | null;
  /** When it last authenticated a request, to within about a minute; null if never. */
  lastUsedAt: string | null;
  /** The session the caller is using. */
  current: boolean;
}
