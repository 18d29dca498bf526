import { useId, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from './api/ApiError';
import { signIn } from './api/authApi';
import { currentUserStore } from './auth/CurrentUserStore';
import { safeNextPath } from './auth/signInPath';
import { useCurrentUser } from './auth/useCurrentUser';
import { AppHeader } from './components/AppHeader';

/**
 * `/sign-in`: email and password, then back to where the person was going (`?next=`, a path
 * on this site only). Wrong credentials and the rate limit get the server's own sentence, which
 * says how many minutes to wait.
 */
export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const state = useCurrentUser();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formId = useId();

  if (state.kind === 'signed-in' && !pending) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (email.trim() === '' || password === '') {
      setError('Enter the email address and password of your Accord account.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      const user = await signIn(email.trim(), password);
      currentUserStore.signedIn(user);
      navigate(next, { replace: true });
    } catch (caught) {
      setPassword('');
      setError(caught instanceof ApiError ? caught.message : 'Signing in failed. Try again.');
      setPending(false);
    }
  };

  return (
    <div className="app">
      <title>Sign in · Accord</title>
      <AppHeader />
      <main className="page page--narrow">
        <form className="auth-card" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
          <h1 className="auth-card__title" id={`${formId}-title`}>
            Sign in to Accord
          </h1>
          <p className="auth-card__lede">
            {next === '/'
              ? 'Use the account your secretariat or an invitation gave you.'
              : 'Sign in to continue where you were going.'}
          </p>
          <label className="field__label" htmlFor={`${formId}-email`}>
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
            aria-invalid={error !== null}
            disabled={pending}
            autoFocus
          />
          <label className="field__label auth-card__spaced" htmlFor={`${formId}-password`}>
            Password
          </label>
          <input
            id={`${formId}-password`}
            className="field__input"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={error !== null}
            disabled={pending}
          />
          {error !== null && (
            <p className="field__hint field__hint--error" role="alert" data-testid="sign-in-error">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary auth-card__submit" disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
          <p className="auth-card__footnote">
            No account? Ask the chair of your draft for an invitation link: opening it lets you create one.
          </p>
        </form>
      </main>
    </div>
  );
}
