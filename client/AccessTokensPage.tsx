import { useId, useState, type FormEvent } from 'react';
import { DEFAULT_ACCESS_TOKEN_DAYS, MAX_ACCESS_TOKEN_DAYS } from '../shared/limits';
import { ApiError } from './api/ApiError';
import { createAccessToken, listAccessSessions, revokeAccessSession, type AccessSession } from './api/authApi';
import { useApiQuery } from './api/useApiQuery';
import { AppHeader } from './components/AppHeader';
import { StateMessage } from './components/StateMessage';
import { formatAbsolute, formatRelative } from './components/formatTimestamp';

/** The lifetimes offered for a new token, in days (the server accepts any from 1 to {@link MAX_ACCESS_TOKEN_DAYS}). */
const EXPIRY_CHOICES = [7, 30, DEFAULT_ACCESS_TOKEN_DAYS, 180, MAX_ACCESS_TOKEN_DAYS] as const;

function isActive(session: AccessSession): boolean {
  return session.revokedAt === null && (session.expiresAt === null || Date.parse(session.expiresAt) > Date.now());
}

/**
 * `/account/tokens`: personal access tokens for scripts (`Authorization: Bearer …`), and the
 * browsers signed in as this person, each with when it expires and was last used. A new token is
 * shown once and lasts the days chosen; any token or session can be revoked, which ends it at once.
 * Signing out ends only this browser's session, and the page says so.
 */
export function AccessTokensPage() {
  const sessions = useApiQuery('sessions', listAccessSessions, 'Your tokens could not be loaded.');
  const [name, setName] = useState('');
  const [expiresInDays, setExpiresInDays] = useState<number>(DEFAULT_ACCESS_TOKEN_DAYS);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const inputId = useId();
  const expiryId = useId();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError('Name the token after what will use it, e.g. “nightly export”.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      const answer = await createAccessToken(name.trim(), expiresInDays);
      setCreated({ name: name.trim(), token: answer.token });
      setName('');
      sessions.reload();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The token could not be created. Try again.');
    } finally {
      setPending(false);
    }
  };

  const revoke = async (session: AccessSession) => {
    setBusyId(session.id);
    setError(null);
    try {
      await revokeAccessSession(session.id);
      sessions.reload();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'That could not be revoked. Try again.');
    } finally {
      setBusyId(null);
    }
  };

  const active = sessions.state.kind === 'ready' ? sessions.state.data.filter(isActive) : [];
  const tokens = active.filter((session) => session.kind === 'token');
  const browsers = active.filter((session) => session.kind === 'session');

  return (
    <div className="app">
      <title>Access tokens · Accord</title>
      <AppHeader context="Access tokens" />
      <main className="page">
        <div className="page__intro">
          <h1 className="page__title">Access tokens</h1>
          <p className="page__lede">
            For scripts that read or export drafts as you: send it in the header{' '}
            <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </div>

        <form className="new-draft" onSubmit={create} noValidate>
          <label className="field__label" htmlFor={inputId}>
            New token
          </label>
          <div className="new-draft__row">
            <input
              id={inputId}
              className="field__input"
              name="tokenName"
              placeholder="What will use it, e.g. nightly export"
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.target.value)}
              disabled={pending}
            />
            <label className="visually-hidden" htmlFor={expiryId}>
              Expires after
            </label>
            <select
              id={expiryId}
              className="field__input token-expiry"
              name="expiresInDays"
              value={expiresInDays}
              onChange={(event) => setExpiresInDays(Number(event.target.value))}
              disabled={pending}
            >
              {EXPIRY_CHOICES.map((days) => (
                <option key={days} value={days}>
                  Expires in {days} days
                </option>
              ))}
            </select>
            <button type="submit" className="button button--primary" disabled={pending}>
              {pending ? 'Creating…' : 'Create token'}
            </button>
          </div>
          {error !== null && (
            <p className="field__hint field__hint--error" role="alert">
              {error}
            </p>
          )}
          {created !== null && (
            <div className="token-created" role="status">
              <p className="token-created__title">
                Token “{created.name}” created. Copy it now: it will not be shown again.
              </p>
              <input
                className="field__input token-created__value"
                data-testid="new-token"
                readOnly
                value={created.token}
                onFocus={(event) => event.target.select()}
                aria-label="The new token"
              />
            </div>
          )}
        </form>

        {sessions.state.kind === 'loading' && <p className="muted">Loading…</p>}
        {sessions.state.kind === 'error' && (
          <StateMessage tone="error" title="Your tokens could not be loaded">
            {sessions.state.message}
          </StateMessage>
        )}
        {sessions.state.kind === 'ready' && (
          <>
            <h2 className="section-title">Tokens</h2>
            {tokens.length === 0 ? (
              <p className="muted">No tokens yet.</p>
            ) : (
              <SessionList sessions={tokens} busyId={busyId} onRevoke={revoke} />
            )}
            <h2 className="section-title">Signed-in browsers</h2>
            <p className="muted" data-testid="sign-out-scope">
              Signing out ends only this browser’s session. Your other browsers and your tokens stay signed in until you
              revoke them here.
            </p>
            <SessionList sessions={browsers} busyId={busyId} onRevoke={revoke} />
          </>
        )}
      </main>
    </div>
  );
}

function SessionList({
  sessions,
  busyId,
  onRevoke,
}: {
  sessions: AccessSession[];
  busyId: string | null;
  onRevoke: (session: AccessSession) => void;
}) {
  return (
    <ul className="draft-list">
      {sessions.map((session) => (
        <li key={session.id} className="draft-row" data-testid="access-session" data-kind={session.kind}>
          <div className="draft-row__main">
            <span className="draft-row__label">
              {session.kind === 'token' ? session.name : session.current ? 'This browser' : 'Another browser'}
            </span>
            <span className="draft-row__meta">
              Created{' '}
              <time dateTime={session.createdAt} title={formatAbsolute(session.createdAt)}>
                {formatRelative(session.createdAt)}
              </time>
              {session.expiresAt !== null && (
                <>
                  {' · expires '}
                  <time dateTime={session.expiresAt} title={formatAbsolute(session.expiresAt)}>
                    {formatRelative(session.expiresAt)}
                  </time>
                </>
              )}
              {' · '}
              {session.lastUsedAt === null ? (
                'never used'
              ) : (
                <>
                  {'last used '}
                  <time dateTime={session.lastUsedAt} title={formatAbsolute(session.lastUsedAt)}>
                    {formatRelative(session.lastUsedAt)}
                  </time>
                </>
              )}
            </span>
          </div>
          {!session.current && (
            <button
              type="button"
              className="button button--quiet"
              disabled={busyId === session.id}
              onClick={() => onRevoke(session)}
            >
              {busyId === session.id ? 'Revoking…' : 'Revoke'}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
