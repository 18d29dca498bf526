import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PublicUser } from '../shared/roles';
import { ApiError } from './api/ApiError';
import { acceptInvite, readInvite, type PublicInvite } from './api/invitesApi';
import { useApiQuery } from './api/useApiQuery';
import { affiliationLabel } from './auth/affiliationLabel';
import { currentUserStore } from './auth/CurrentUserStore';
import { signInPathFor } from './auth/signInPath';
import { useCurrentUser } from './auth/useCurrentUser';
import { AppHeader } from './components/AppHeader';
import { StateMessage } from './components/StateMessage';
import { formatAbsolute } from './components/formatTimestamp';

/** Shortest password the server accepts for a new account (`acceptInviteBody`). */
const MIN_PASSWORD_LENGTH = 10;

const closedReasons: Record<Exclude<PublicInvite['status'], 'open'>, string> = {
  accepted: 'This invitation has already been accepted. If it was you, sign in to open the draft.',
  revoked: 'The chair has revoked this invitation. Ask them for a new one if you still need it.',
  expired: 'This invitation has expired. Ask the chair of the draft for a new one.',
};

/**
 * `/invite/:token`: what an invitation is for (draft, role, delegation or organisation), and a way
 * to accept it: signed in, with one button; otherwise by creating an account (name, email,
 * password) or signing in first. Then straight to the draft.
 */
export function InvitePage() {
  const { token = '' } = useParams();
  const invite = useApiQuery(
    `invite:${token}`,
    (signal) => readInvite(token, signal),
    'The invitation could not be loaded.',
  );
  const current = useCurrentUser();

  let content;
  if (invite.state.kind === 'loading' || current.kind === 'loading') {
    content = <p className="muted">Opening the invitation…</p>;
  } else if (invite.state.kind === 'error') {
    content = (
      <StateMessage
        tone="error"
        title="This invitation cannot be opened"
        action={
          <Link to="/" className="button button--secondary">
            Go to Accord
          </Link>
        }
      >
        {invite.state.message}
      </StateMessage>
    );
  } else {
    content = (
      <InviteDetails
        token={token}
        invite={invite.state.data}
        user={current.kind === 'signed-in' ? current.user : null}
      />
    );
  }

  return (
    <div className="app">
      <title>Invitation · Accord</title>
      <AppHeader context="Invitation" />
      <main className="page page--narrow">{content}</main>
    </div>
  );
}

function InviteDetails({ token, invite, user }: { token: string; invite: PublicInvite; user: PublicUser | null }) {
  const navigate = useNavigate();
  const formId = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const forWhom = invite.affiliation ? affiliationLabel(invite.affiliation) : 'a delegation or organisation';
  const kind = invite.affiliation?.kind === 'delegation' ? 'the delegation of' : '';

  const accept = async (account?: { name: string; email: string; password: string }) => {
    setPending(true);
    setError(null);
    try {
      const accepted = await acceptInvite(token, account);
      // A new account was created and signed in by the server's cookie: learn who that is.
      if (account) await currentUserStore.load(true);
      navigate(`/drafts/${encodeURIComponent(accepted.draftId)}`, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The invitation could not be accepted. Try again.');
      setPending(false);
    }
  };

  const submitAccount = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim().length < 2) return setError('Give your name as others should see it, e.g. “Ana Silva”.');
    if (!email.includes('@')) return setError('Give the email address you will sign in with.');
    if (password.length < MIN_PASSWORD_LENGTH)
      return setError(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    void accept({ name: name.trim(), email: email.trim(), password });
  };

  return (
    <section className="auth-card" aria-labelledby={`${formId}-title`} data-testid="invite">
      <p className="auth-card__kicker">You are invited to</p>
      <h1 className="auth-card__title" id={`${formId}-title`} data-testid="invite-draft-title">
        {invite.draftTitle || 'Untitled draft'}
      </h1>
      <dl className="invite-facts">
        <div>
          <dt>As</dt>
          <dd data-testid="invite-role">{invite.roleLabel}</dd>
        </div>
        <div>
          <dt>For</dt>
          <dd data-testid="invite-affiliation">
            {kind && <span className="muted">{kind} </span>}
            {forWhom}
          </dd>
        </div>
        {invite.status === 'open' && (
          <div>
            <dt>Valid until</dt>
            <dd>{formatAbsolute(invite.expiresAt)}</dd>
          </div>
        )}
      </dl>

      {invite.status !== 'open' ? (
        <StateMessage tone="error" title="This invitation can no longer be used">
          {closedReasons[invite.status]}
        </StateMessage>
      ) : user !== null ? (
        <>
          <p className="auth-card__lede">
            You are signed in as <strong>{user.name}</strong> ({affiliationLabel(user.affiliation)}).
          </p>
          {error !== null && (
            <p className="field__hint field__hint--error" role="alert">
              {error}
            </p>
          )}
          <button
            type="button"
            className="button button--primary auth-card__submit"
            disabled={pending}
            onClick={() => void accept()}
          >
            {pending ? 'Accepting…' : 'Accept and open the draft'}
          </button>
        </>
      ) : (
        <form onSubmit={submitAccount} noValidate>
          <p className="auth-card__lede">
            Create your Accord account to accept. Already have one?{' '}
            <Link to={signInPathFor(`/invite/${token}`)}>Sign in first</Link>.
          </p>
          <label className="field__label" htmlFor={`${formId}-name`}>
            Your name
          </label>
          <input
            id={`${formId}-name`}
            className="field__input"
            name="name"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={120}
            disabled={pending}
          />
          <label className="field__label auth-card__spaced" htmlFor={`${formId}-email`}>
            Email address
          </label>
          <input
            id={`${formId}-email`}
            className="field__input"
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            maxLength={320}
            disabled={pending}
          />
          <label className="field__label auth-card__spaced" htmlFor={`${formId}-password`}>
            Password
          </label>
          <input
            id={`${formId}-password`}
            className="field__input"
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={`${formId}-password-hint`}
            disabled={pending}
          />
          <p className="field__hint" id={`${formId}-password-hint`}>
            At least {MIN_PASSWORD_LENGTH} characters.
          </p>
          {error !== null && (
            <p className="field__hint field__hint--error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary auth-card__submit" disabled={pending}>
            {pending ? 'Creating your account…' : 'Create account and accept'}
          </button>
        </form>
      )}
    </section>
  );
}
