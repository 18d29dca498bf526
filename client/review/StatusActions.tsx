import { useId, useState, type FormEvent } from 'react';
import { clauseLimitProblem } from '../../shared/documentLimits';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { AMENDMENT_STATUS_LABELS, type AmendmentStatus } from '../../shared/review/amendmentStatus';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type { AdoptionPreview, Amendment, DecisionMethod, StatusRequest } from '../../shared/review/types';
import { ApiError } from '../api/ApiError';
import { RedlineWordsText } from '../versions/RedlineWordsText';
import { ClauseEditor } from './ClauseEditor';
import { clauseText } from '../../shared/outline';
import { wordChanges } from '../../shared/redline';
import { needsDecision, statusActions, type ReviewViewer } from './amendmentActions';
import { OfferedButton } from './OfferedButton';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { z } from 'zod';
import { documentNodeSchema } from '../api/textSchemas';
import { ConflictSources } from './ConflictSources';
import { ResolutionForm } from './ResolutionForm';
import { resolutionStarts } from './resolutionStarts';
import { conflictSchema } from './reviewSchemas';

/** Props of {@link StatusActions}. */
export interface StatusActionsProps {
  amendment: Amendment;
  phase: ReviewPhase;
  viewer: ReviewViewer;
  /** Why submissions are closed (their deadline is over), or null while open. */
  submissionsClosed?: string | null;
  /** Asks the server for the change; rejects with its refusal. */
  onChange: (request: StatusRequest) => Promise<unknown>;
  /** What adopting (as proposed, or as `revised`) would make fall: asked before the chair confirms an adoption. */
  onPreviewAdoption?: (revised?: DocumentNodeJSON) => Promise<AdoptionPreview>;
  /** The cycle's amendments and base text: where the clause's final wording can start when adopting needs one. */
  resolving?: { amendments: readonly Amendment[]; baseDocument: DocumentNodeJSON | null; baseLabel: string };
}

/** What a 409 `resolution_required` says besides its sentence. */
const resolutionRequired = z.object({
  conflicts: z.array(conflictSchema),
  resolution: z.object({ clauses: z.array(documentNodeSchema), note: z.string() }).nullable(),
});

/** An adoption the server holds until the chair gives the clause's final wording with it. */
interface HeldAdoption {
  request: StatusRequest;
  message: string;
  details: z.infer<typeof resolutionRequired>;
}

/** Longest note on a status change the form takes. */
const MAX_NOTE = 2000;

/** A decision being recorded, or a withdrawal being confirmed. */
type Open = { to: AmendmentStatus } | null;

/**
 * The status changes the reader may make to an amendment, as buttons: submit and withdraw for
 * its sponsor, put under consideration and the decisions for the chair, each disabled with the
 * reason when the phase does not allow it. A decision opens the record of how it was taken
 * (consensus, or a vote with its counts), with a note, and for an oral revision the revised
 * wording in the same small editor; a withdrawal asks for confirmation. The server's refusal is
 * shown beside the buttons.
 */
export function StatusActions({
  amendment,
  phase,
  viewer,
  submissionsClosed = null,
  onChange,
  onPreviewAdoption,
  resolving = { amendments: [], baseDocument: null, baseLabel: 'base version' },
}: StatusActionsProps) {
  const actions = statusActions(amendment, phase, viewer, submissionsClosed);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** A change asked for that cannot be undone, waiting for the confirmation. */
  const [confirm, setConfirm] = useState<StatusRequest | null>(null);
  const [held, setHeld] = useState<HeldAdoption | null>(null);
  /** What the adoption waiting for confirmation would make fall. */
  const [falls, setFalls] = useState<AdoptionPreview['falls']>([]);

  if (actions.length === 0 && held === null) return null;

  const send = async (request: StatusRequest): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await onChange(request);
      setOpen(null);
      setHeld(null);
      return true;
    } catch (caught) {
      const details =
        caught instanceof ApiError && caught.code === 'resolution_required'
          ? resolutionRequired.safeParse(caught.details)
          : null;
      if (details?.success) {
        // The adoption waits for the clause's final wording: the chair writes it here and adopts with it.
        setHeld({ request, message: (caught as ApiError).message, details: details.data });
        setConfirm(null);
        setOpen(null);
        return false;
      }
      if (request.resolution) throw caught;
      setError(caught instanceof ApiError ? caught.message : 'The status could not be changed. Try again.');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const choose = (to: AmendmentStatus) => {
    setError(null);
    if (needsDecision(to)) setOpen({ to });
    else if (IRREVERSIBLE.has(to)) setConfirm({ to });
    else void send({ to });
  };
  const confirmed = async () => {
    if (confirm !== null && (await send(confirm))) setConfirm(null);
  };

  return (
    <section className="status-actions" aria-label="Status" data-testid="status-actions">
      <div className="status-actions__buttons">
        {actions.map((action) => (
          <OfferedButton
            key={action.value}
            action={action}
            onClick={choose}
            busy={busy}
            tone={action.value === 'submitted' || action.value === 'adopted' ? 'primary' : 'secondary'}
            danger={action.value === 'withdrawn' || action.value === 'rejected'}
            testId={`status-action-${action.value}`}
          />
        ))}
      </div>
      {confirm !== null && (
        <ConfirmDialog
          title={confirmTitle(amendment, confirm)}
          confirmLabel={
            confirm.overrideObjections
              ? 'Record consensus over the objection'
              : (CONFIRM_LABELS[confirm.to] ?? AMENDMENT_STATUS_LABELS[confirm.to])
          }
          danger={confirm.overrideObjections === true || confirm.to === 'withdrawn' || confirm.to === 'rejected'}
          cancelLabel="Go back"
          busy={busy}
          error={error}
          onConfirm={() => void confirmed()}
          onCancel={() => setConfirm(null)}
          testId="status-confirm"
        >
          <p>{confirmText(amendment, confirm)}</p>
          {falls.length > 0 && (confirm.to === 'adopted' || confirm.to === 'adopted-as-revised') && (
            <div data-testid="status-confirm-falls">
              <p>
                {falls.length === 1
                  ? `${falls[0]!.amendment} falls`
                  : `${falls.map((f) => f.amendment).join(', ')} fall`}{' '}
                with this adoption; you can reinstate {falls.length === 1 ? 'it' : 'them'} later.
              </p>
              <ul>
                {falls.map((fall) => (
                  <li key={fall.amendment}>{fall.reason}</li>
                ))}
              </ul>
            </div>
          )}
        </ConfirmDialog>
      )}
      {open !== null && needsDecision(open.to) && (
        <DecisionForm
          key={open.to}
          amendment={amendment}
          to={open.to}
          busy={busy}
          onCancel={() => setOpen(null)}
          onSubmit={async (request) => {
            // Consensus to adopt while delegations object: the chair confirms overriding them, on the record.
            const overriding = request.decision?.method === 'consensus' && objectionsTo(amendment).length > 0;
            const adopting = request.to === 'adopted' || request.to === 'adopted-as-revised';
            // The chair is told, before confirming, which amendments fall with this adoption; without the answer, none are named.
            setFalls(
              adopting && onPreviewAdoption
                ? await onPreviewAdoption(request.revised).then(
                    (preview) => preview.falls,
                    () => [],
                  )
                : [],
            );
            setConfirm(overriding && adopting ? { ...request, overrideObjections: true } : request);
            return true;
          }}
        />
      )}
      {held !== null && (
        <HeldAdoptionForm
          key={held.message}
          amendment={amendment}
          held={held}
          resolving={resolving}
          onCancel={() => setHeld(null)}
          onSave={(clauses, note) =>
            send({ ...held.request, resolution: { clauses, ...(note !== '' ? { note } : {}) } })
          }
        />
      )}
      {error !== null && confirm === null && (
        <p className="field__hint field__hint--error" role="alert" data-testid="status-error">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * An adoption held for the clause's final wording: why (the clash with what is adopted already, or
 * the chair's standing resolution), the wordings to reconcile as redlines, and the resolution form
 * with one-click starts from each of them; saving records the adoption and the resolution together.
 */
function HeldAdoptionForm({
  amendment,
  held,
  resolving,
  onSave,
  onCancel,
}: {
  amendment: Amendment;
  held: HeldAdoption;
  resolving: NonNullable<StatusActionsProps['resolving']>;
  onSave: (clauses: DocumentNodeJSON[], note: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { conflicts, resolution } = held.details;
  const adopted = resolving.amendments.filter(
    (other) =>
      other.clauseId === amendment.clauseId && (other.status === 'adopted' || other.status === 'adopted-as-revised'),
  );
  const settles = {
    clauseId: amendment.clauseId,
    clauseNumber: amendment.clauseNumber,
    covers: conflicts[0]?.covers ?? [...adopted.map((other) => other.label), amendment.label],
    startingClause: conflicts[0]?.startingClause ?? null,
    liveClause: conflicts[0]?.liveClause ?? null,
  };
  const revised = held.request.revised ?? null;
  const starts = resolutionStarts({
    conflict: settles,
    amendments: resolving.amendments,
    baseDocument: resolving.baseDocument,
    baseLabel: resolving.baseLabel,
    resolution: resolution?.clauses[0] ?? null,
    adopting: revised !== null ? { label: amendment.label, clause: revised } : null,
  });
  return (
    <div className="held-adoption" data-testid="held-adoption">
      <p className="held-adoption__why" role="alert">
        {held.message}
      </p>
      <ConflictSources conflict={settles} amendments={resolving.amendments} />
      <ResolutionForm
        conflict={settles}
        initial={
          starts[0]?.clause ?? { type: 'clause', attrs: { id: amendment.clauseId }, content: [{ type: 'paragraph' }] }
        }
        initialNote={resolution?.note ?? ''}
        starts={starts}
        submitLabel={`Adopt ${amendment.label} with this wording`}
        onCancel={onCancel}
        onSave={onSave}
      />
    </div>
  );
}

/** Changes that cannot be undone: each asks for a confirmation (decisions do after their form). */
const IRREVERSIBLE: ReadonlySet<AmendmentStatus> = new Set(['submitted', 'withdrawn']);

const CONFIRM_LABELS: Partial<Record<AmendmentStatus, string>> = {
  submitted: 'Submit',
  withdrawn: 'Withdraw',
  adopted: 'Record the adoption',
  'adopted-as-revised': 'Record the adoption as revised',
  rejected: 'Record the rejection',
};

function confirmTitle(amendment: Amendment, request: StatusRequest): string {
  if (request.to === 'submitted') return 'Submit this amendment?';
  if (request.to === 'withdrawn') return `Withdraw ${amendment.label}?`;
  return `Record ${amendment.label} as ${AMENDMENT_STATUS_LABELS[request.to].toLowerCase()}?`;
}

/** The delegations objecting to an amendment now. */
function objectionsTo(amendment: Amendment): string[] {
  return amendment.statements
    .filter((statement) => statement.stance === 'objection')
    .map((statement) => statement.affiliation.name);
}

function confirmText(amendment: Amendment, request: StatusRequest): string {
  if (request.overrideObjections) {
    const names = objectionsTo(amendment).join(', ');
    return (
      `${names} ${objectionsTo(amendment).length === 1 ? 'objects' : 'object'} to ${amendment.label}. ` +
      'Recording consensus overrides the objection, and the record says whose objection was overridden.'
    );
  }
  if (request.to === 'submitted')
    return 'Once submitted it is on the record for every delegation; its wording can no longer be changed, only withdrawn.';
  if (request.to === 'withdrawn') return 'It stays on the record as withdrawn and cannot be submitted again.';
  const how =
    request.decision?.method === 'vote'
      ? `by a recorded vote of ${request.decision.inFavour} in favour, ${request.decision.against} against and ${request.decision.abstaining} abstaining`
      : 'by consensus';
  return `The decision on ${amendment.label} is recorded ${how}, with your name and the time. It is final for this cycle.`;
}

/** Props of {@link DecisionForm}. */
interface DecisionFormProps {
  amendment: Amendment;
  to: AmendmentStatus;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (request: StatusRequest) => Promise<boolean>;
}

/** A non-negative whole number from a field, or null. */
function count(value: string): number | null {
  if (!/^\d+$/.test(value.trim())) return null;
  return Number.parseInt(value, 10);
}

/**
 * Where an oral revision starts: the proposed wording, or for a proposed deletion the base
 * clause's words (as plain text: the base clause's structure is not on the amendment).
 */
function revisionStart(amendment: Amendment): DocumentNodeJSON {
  if (amendment.proposed !== null) return amendment.proposed;
  const paragraph: DocumentNodeJSON =
    amendment.baseText === ''
      ? { type: 'paragraph' }
      : { type: 'paragraph', content: [{ type: 'text', text: amendment.baseText }] };
  return { type: 'clause', attrs: { id: amendment.clauseId }, content: [paragraph] };
}

/** The chair's record of a decision: how it was taken, a note, and for an oral revision the revised clause. */
function DecisionForm({ amendment, to, busy, onCancel, onSubmit }: DecisionFormProps) {
  const id = useId();
  const [method, setMethod] = useState<DecisionMethod['method']>('consensus');
  const [votes, setVotes] = useState({ inFavour: '', against: '', abstaining: '' });
  const [note, setNote] = useState('');
  const [startingWording] = useState(() => revisionStart(amendment));
  const [revised, setRevised] = useState<DocumentNodeJSON>(startingWording);
  const [problem, setProblem] = useState<string | null>(null);
  const revising = to === 'adopted-as-revised';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    let decision: DecisionMethod = { method: 'consensus' };
    if (method === 'vote') {
      const inFavour = count(votes.inFavour);
      const against = count(votes.against);
      const abstaining = count(votes.abstaining);
      if (inFavour === null || against === null || abstaining === null) {
        setProblem('Give the number of votes in favour, against and abstaining (0 if none).');
        return;
      }
      decision = { method: 'vote', inFavour, against, abstaining };
    }
    if (revising && clauseText(revised).trim() === '') {
      setProblem('Write the clause as orally revised.');
      return;
    }
    // The server's limits, with its sentence, before sending.
    const tooLarge = revising ? clauseLimitProblem(revised, 'The revised clause') : null;
    if (tooLarge !== null) {
      setProblem(tooLarge);
      return;
    }
    setProblem(null);
    await onSubmit({
      to,
      decision,
      ...(note.trim() !== '' ? { note: note.trim() } : {}),
      ...(revising ? { revised } : {}),
    });
  };

  return (
    <form
      className="decision-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={`${AMENDMENT_STATUS_LABELS[to]}: record the decision`}
      data-testid="decision-form"
      data-to={to}
    >
      <p className="decision-form__title">
        {AMENDMENT_STATUS_LABELS[to]}: {amendment.label}
      </p>
      <fieldset className="decision-form__methods">
        <legend className="field__label">Decided by</legend>
        <label className="decision-form__method">
          <input
            type="radio"
            name={`${id}-method`}
            checked={method === 'consensus'}
            onChange={() => setMethod('consensus')}
            data-testid="decision-method-consensus"
          />
          Consensus
        </label>
        <label className="decision-form__method">
          <input
            type="radio"
            name={`${id}-method`}
            checked={method === 'vote'}
            onChange={() => setMethod('vote')}
            data-testid="decision-method-vote"
          />
          A recorded vote
        </label>
      </fieldset>
      {method === 'vote' && (
        <div className="decision-form__votes">
          {(
            [
              ['inFavour', 'In favour'],
              ['against', 'Against'],
              ['abstaining', 'Abstaining'],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className="decision-form__vote">
              <span>{label}</span>
              <input
                className="field__input"
                inputMode="numeric"
                value={votes[key]}
                onChange={(event) => setVotes({ ...votes, [key]: event.target.value })}
                data-testid={`decision-${key}`}
              />
            </label>
          ))}
        </div>
      )}
      {revising && (
        <>
          <span className="field__label">The clause as orally revised</span>
          <ClauseEditor
            initial={startingWording}
            onChange={setRevised}
            label={`${amendment.label} as orally revised`}
            disabled={busy}
            testId="decision-revised-editor"
          />
          <div className="amendment-redline amendment-redline--compact">
            <RedlineWordsText words={wordChanges(amendment.baseText, clauseText(revised))} />
          </div>
        </>
      )}
      <label className="field__label" htmlFor={`${id}-note`}>
        Note <span className="review-form__optional">(optional)</span>
      </label>
      <textarea
        id={`${id}-note`}
        className="field__input review-form__textarea"
        rows={2}
        maxLength={MAX_NOTE}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        data-testid="decision-note"
      />
      {problem !== null && (
        <p className="field__hint field__hint--error" role="alert">
          {problem}
        </p>
      )}
      <div className="review-form__actions">
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="submit"
          className={`button ${to === 'rejected' ? 'button--secondary review-button--danger' : 'button--primary'}`}
          disabled={busy}
          data-testid="decision-submit"
        >
          {busy ? 'Recording…' : `Record: ${AMENDMENT_STATUS_LABELS[to].toLowerCase()}`}
        </button>
      </div>
    </form>
  );
}
