import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  ALPHA3_PATTERN,
  ROLE_LABELS,
  ROLES,
  type Affiliation,
  type AffiliationKind,
  type Role,
} from '../../shared/roles';
import { ApiError } from '../api/ApiError';
import { createInvite, listAffiliations, type InviteAffiliation } from '../api/invitesApi';
import { useApiQuery } from '../api/useApiQuery';
import { affiliationLabel } from '../auth/affiliationLabel';

/** Props of {@link InviteDialog}. */
export interface InviteDialogProps {
  draftId: string;
  /** Called when the person is done (Escape, Cancel, Done); the parent unmounts the dialog. */
  onClose: () => void;
  /** Called after an invitation was created, so lists can refresh. */
  onCreated: () => void;
}

/** The kinds of body a role may be invited for: delegates speak for a State, observers for an organisation. */
const KINDS_FOR_ROLE: Record<Role, readonly AffiliationKind[]> = {
  chair: ['organisation', 'delegation'],
  delegate: ['delegation'],
  observer: ['organisation'],
};

const NEW_PREFIX = 'new:';
const EXPIRY_CHOICES = [7, 14, 30, 90] as const;

/**
 * The chair's form for an invitation link: a role, and the delegation (name and ISO 3166-1
 * alpha-3 code) or organisation it is for, picked from those the server knows or named anew.
 * Once created, the link is shown with a copy button; it is shown only this once. A native modal
 * `<dialog>`, open while mounted.
 */
export function InviteDialog({ draftId, onClose, onCreated }: InviteDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [role, setRole] = useState<Role>('delegate');
  const [choice, setChoice] = useState<string>(`${NEW_PREFIX}delegation`);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [days, setDays] = useState<number>(14);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const affiliations = useApiQuery(
    'affiliations',
    listAffiliations,
    'The known delegations and organisations could not be loaded.',
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const kinds = KINDS_FOR_ROLE[role];
  const known: Affiliation[] =
    affiliations.state.kind === 'ready' ? affiliations.state.data.filter((a) => kinds.includes(a.kind)) : [];
  const newKind: AffiliationKind | null = choice.startsWith(NEW_PREFIX)
    ? (choice.slice(NEW_PREFIX.length) as AffiliationKind)
    : null;

  const chooseRole = (next: Role) => {
    setRole(next);
    setError(null);
    // Keep the choice when it still fits the role; otherwise start from a new body of the right kind.
    const fits =
      newKind !== null
        ? KINDS_FOR_ROLE[next].includes(newKind)
        : known.some((a) => a.id === choice && KINDS_FOR_ROLE[next].includes(a.kind));
    if (!fits) setChoice(`${NEW_PREFIX}${KINDS_FOR_ROLE[next][0]}`);
  };

  const reset = () => {
    setLink(null);
    setCopied(false);
    setName('');
    setCode('');
    setError(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    let affiliation: InviteAffiliation;
    if (newKind === 'delegation') {
      const upper = code.trim().toUpperCase();
      if (name.trim().length < 2 || !ALPHA3_PATTERN.test(upper)) {
        setError(
          'Name the delegation’s State and give its ISO 3166-1 alpha-3 code, three letters (e.g. “Kenya”, KEN).',
        );
        return;
      }
      affiliation = { kind: 'delegation', name: name.trim(), code: upper };
    } else if (newKind === 'organisation') {
      if (name.trim().length < 2) {
        setError('Name the organisation, e.g. “Digital Rights Watch”.');
        return;
      }
      affiliation = { kind: 'organisation', name: name.trim() };
    } else {
      affiliation = { id: choice };
    }
    setPending(true);
    setError(null);
    try {
      const created = await createInvite(draftId, { role, affiliation, expiresInDays: days });
      setLink(new URL(created.path, window.location.origin).href);
      onCreated();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The invitation could not be created. Try again.');
    } finally {
      setPending(false);
    }
  };

  const copy = async () => {
    if (link === null) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission: the link is selected for a manual copy instead.
      linkRef.current?.select();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog invite-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {link === null ? (
        <form className="dialog__body" onSubmit={submit} noValidate>
          <h2 className="dialog__title" id={titleId}>
            Invite someone to this draft
          </h2>
          <fieldset className="invite-form__roles" disabled={pending}>
            <legend className="field__label">As</legend>
            {ROLES.map((option) => (
              <label key={option} className="invite-form__role">
                <input
                  type="radio"
                  name="role"
                  value={option}
                  checked={role === option}
                  onChange={() => chooseRole(option)}
                />
                {ROLE_LABELS[option]}
              </label>
            ))}
          </fieldset>
          <label className="field__label" htmlFor={`${titleId}-for`}>
            For
          </label>
          <select
            id={`${titleId}-for`}
            className="field__input"
            name="affiliation"
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            disabled={pending}
          >
            {known.length > 0 && (
              <optgroup label="Known to Accord">
                {known.map((affiliation) => (
                  <option key={affiliation.id} value={affiliation.id}>
                    {affiliationLabel(affiliation)}
                  </option>
                ))}
              </optgroup>
            )}
            {kinds.map((kind) => (
              <option key={kind} value={`${NEW_PREFIX}${kind}`}>
                {kind === 'delegation' ? 'A new delegation…' : 'A new organisation…'}
              </option>
            ))}
          </select>
          {newKind !== null && (
            <div className="invite-form__new">
              <div className="invite-form__name">
                <label className="field__label" htmlFor={`${titleId}-name`}>
                  {newKind === 'delegation' ? 'State' : 'Organisation'}
                </label>
                <input
                  id={`${titleId}-name`}
                  className="field__input"
                  name="affiliationName"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  placeholder={newKind === 'delegation' ? 'Republic of Kenya' : 'Digital Rights Watch'}
                  maxLength={200}
                  disabled={pending}
                />
              </div>
              {newKind === 'delegation' && (
                <div className="invite-form__code">
                  <label className="field__label" htmlFor={`${titleId}-code`}>
                    ISO code
                  </label>
                  <input
                    id={`${titleId}-code`}
                    className="field__input"
                    name="affiliationCode"
                    value={code}
                    onChange={(event) => setCode(event.target.value.toUpperCase())}
                    placeholder="KEN"
                    maxLength={3}
                    autoCapitalize="characters"
                    spellCheck={false}
                    disabled={pending}
                  />
                </div>
              )}
            </div>
          )}
          <label className="field__label invite-form__expiry-label" htmlFor={`${titleId}-days`}>
            The link works for
          </label>
          <select
            id={`${titleId}-days`}
            className="field__input"
            name="expiresInDays"
            value={days}
            onChange={(event) => setDays(Number(event.target.value))}
            disabled={pending}
          >
            {EXPIRY_CHOICES.map((value) => (
              <option key={value} value={value}>
                {value} days
              </option>
            ))}
          </select>
          {error !== null && (
            <p className="field__hint field__hint--error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={pending}>
              {pending ? 'Creating…' : 'Create invitation link'}
            </button>
          </div>
        </form>
      ) : (
        <div className="dialog__body">
          <h2 className="dialog__title" id={titleId}>
            Invitation link ready
          </h2>
          <p className="invite-dialog__hint">
            Send this link to the person you invite. Anyone with it can accept it once; it is shown only now.
          </p>
          <div className="invite-dialog__link">
            <input
              ref={linkRef}
              className="field__input"
              data-testid="invite-link"
              readOnly
              value={link}
              onFocus={(event) => event.target.select()}
              aria-label="Invitation link"
            />
            <button type="button" className="button button--secondary" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={reset}>
              Invite someone else
            </button>
            <button type="button" className="button button--primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
