import { useId, useMemo, useState, type FormEvent } from 'react';
import { clauseLimitProblem } from '../../shared/documentLimits';
import { newClauseId } from '../../shared/clauseId';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { PillarKey } from '../../shared/pillars';
import { useTaxonomy } from '../pillars/DraftPillars';
import type { BlockRedline } from '../../shared/redline';
import { flatWords } from '../../shared/redline';
import { amendmentBlocks } from '../../shared/review/amendmentBlocks';
import { pointChangeText, pointChanges, touchesPoints } from '../../shared/review/pointChanges';
import type { Amendment, AmendmentKind, NewAmendment } from '../../shared/review/types';
import { ApiError } from '../api/ApiError';
import type { DraftVersionText } from '../api/versionsApi';
import { firstWords } from '../components/firstWords';
import { RedlineLines } from '../versions/RedlineLines';
import { blockLines } from '../versions/redlineSides';
import { ClauseEditor } from './ClauseEditor';
import { clauseText } from '../../shared/outline';
import { findClauseNode, hasChanges } from './clauseWords';
import { AMENDMENT_KIND_LABELS } from './describeAmendment';
import { createAmendment, updateAmendment } from './reviewApi';
import { FormFooter } from '../components/FormFooter';

/** Props of {@link AmendmentForm}. */
export interface AmendmentFormProps {
  draftId: string;
  cycleId: string;
  /** The base version's text: the clauses an amendment may concern, and their wording. */
  base: DraftVersionText;
  /** The draft amendment being rewritten, or undefined for a new one. */
  existing?: Amendment;
  /** The clause to start on (the list's clause filter), for a new amendment. */
  initialClauseId?: string | null;
  onSaved: (amendment: Amendment) => void;
  onCancel: () => void;
}

/** Longest justification the form takes. */
const MAX_JUSTIFICATION = 4000;

const KINDS: readonly AmendmentKind[] = ['modify', 'add', 'delete'];

/** An empty new clause, with a fresh stable id, tagged with the amendment's pillars. */
function emptyClause(pillars: readonly PillarKey[]): DocumentNodeJSON {
  return {
    type: 'clause',
    attrs: { id: newClauseId(), pillars: [...pillars], status: 'open' },
    content: [{ type: 'paragraph' }],
  };
}

/** The wording to start from: the amendment's own, the base clause (to change it), or an empty clause (to add one). */
function startingWording(
  kind: AmendmentKind,
  clause: DocumentNodeJSON | null,
  pillars: readonly PillarKey[],
): DocumentNodeJSON | null {
  if (kind === 'delete') return null;
  if (kind === 'add' || clause === null) return emptyClause(pillars);
  return clause;
}

/**
 * Proposing an amendment, or rewriting one's own draft: what it does (change a clause's words,
 * add a clause after one, delete one), which clause of the base version, the proposed wording in
 * a small editor of the draft's schema, prefilled with the base clause and redlined against it
 * live as the delegate types, the justification and the pillars. Saved as a draft; submitting it
 * is a separate, deliberate step.
 */
export function AmendmentForm({
  draftId,
  cycleId,
  base,
  existing,
  initialClauseId,
  onSaved,
  onCancel,
}: AmendmentFormProps) {
  const taxonomy = useTaxonomy();
  const id = useId();
  const clauses = base.outline.clauses;
  const firstClauseId =
    existing?.clauseId ??
    (clauses.some((clause) => clause.id === initialClauseId) ? initialClauseId! : (clauses[0]?.id ?? ''));
  const [kind, setKind] = useState<AmendmentKind>(existing?.kind ?? 'modify');
  const [clauseId, setClauseId] = useState(firstClauseId);
  const baseClause = clauses.find((clause) => clause.id === clauseId) ?? null;
  const baseNode = useMemo(() => findClauseNode(base.document, clauseId), [base.document, clauseId]);
  const [pillars, setPillars] = useState<PillarKey[]>(existing?.pillars ?? [...(baseClause?.pillars ?? [])]);
  const [proposed, setProposed] = useState<DocumentNodeJSON | null>(
    existing !== undefined ? existing.proposed : startingWording(kind, baseNode, pillars),
  );
  // A new starting wording (another kind or clause) opens a fresh editor.
  const [editorKey, setEditorKey] = useState(0);
  const [justification, setJustification] = useState(existing?.justification ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const restart = (nextKind: AmendmentKind, nextClauseId: string) => {
    const node = findClauseNode(base.document, nextClauseId);
    const nextPillars =
      existing === undefined ? [...(clauses.find((clause) => clause.id === nextClauseId)?.pillars ?? [])] : pillars;
    setKind(nextKind);
    setClauseId(nextClauseId);
    setPillars(nextPillars);
    setProposed(startingWording(nextKind, node, nextPillars));
    setEditorKey((key) => key + 1);
    setError(null);
  };

  const baseNumber = baseClause?.number ?? '';
  const proposedText = proposed === null ? '' : clauseText(proposed);
  // The redline as the server will show it: block by block, points aligned by id, labels live.
  const blocks: BlockRedline[] = useMemo(
    () => (kind === 'add' && proposedText === '' ? [] : amendmentBlocks(kind, baseNode, baseNumber, proposed)),
    [kind, baseNode, baseNumber, proposed, proposedText],
  );
  const redline = flatWords(blocks);
  const changes = kind === 'modify' ? pointChanges(blocks, baseNumber) : [];

  const problem = (): string | null => {
    if (baseClause === null) return 'Choose the clause of the base version the amendment concerns.';
    if (kind === 'modify' && !hasChanges(redline))
      return `The proposed wording is the same as ${baseClause.number}. Change some words, or choose another kind of amendment.`;
    if (kind === 'add' && proposedText.trim() === '') return 'Write the wording of the new clause.';
    // The server's limits, with its sentence, before sending.
    const tooLarge =
      kind === 'delete' || proposed === null ? null : clauseLimitProblem(proposed, 'The proposed clause');
    if (tooLarge !== null) return tooLarge;
    if (justification.trim() === '')
      return 'Say why the amendment is proposed: delegations read the justification first.';
    return null;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = problem();
    if (found !== null) {
      setError(found);
      return;
    }
    // A new clause carries the amendment's pillars; a changed clause keeps its own attributes.
    const wording =
      proposed === null || kind === 'delete'
        ? null
        : kind === 'add'
          ? { ...proposed, attrs: { ...proposed.attrs, pillars } }
          : proposed;
    const input: NewAmendment = { kind, clauseId, proposed: wording, justification: justification.trim(), pillars };
    setPending(true);
    setError(null);
    try {
      onSaved(
        existing === undefined
          ? await createAmendment(draftId, cycleId, input)
          : await updateAmendment(draftId, cycleId, existing.id, input),
      );
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The amendment could not be saved. Try again.');
      setPending(false);
    }
  };

  const togglePillar = (key: PillarKey) =>
    setPillars((current) =>
      current.includes(key) ? current.filter((other) => other !== key) : taxonomy.ordered([...current, key]),
    );

  return (
    <form
      className="review-form amendment-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={existing ? `Edit ${existing.label}` : 'Propose an amendment'}
      data-testid="amendment-form"
    >
      <h2 className="review-section__title">{existing ? 'Edit your draft amendment' : 'Propose an amendment'}</h2>
      <p className="review-form__lede">
        To the clauses of <strong>{base.version.label}</strong>. It is saved as a draft that only your delegation sees,
        until you submit it.
      </p>

      <fieldset className="amendment-form__kinds">
        <legend className="field__label">What it does</legend>
        {KINDS.map((option) => (
          <label
            key={option}
            className={`amendment-form__kind${kind === option ? ' amendment-form__kind--selected' : ''}`}
          >
            <input
              type="radio"
              name="kind"
              value={option}
              checked={kind === option}
              onChange={() => restart(option, clauseId)}
              disabled={pending}
              data-testid={`amendment-kind-${option}`}
            />
            {AMENDMENT_KIND_LABELS[option]}
          </label>
        ))}
      </fieldset>

      <label className="field__label" htmlFor={`${id}-clause`}>
        {kind === 'add' ? 'Add the new clause after' : 'Clause'}
      </label>
      <select
        id={`${id}-clause`}
        className="field__input"
        value={clauseId}
        onChange={(event) => restart(kind, event.target.value)}
        disabled={pending}
        data-testid="amendment-clause"
      >
        {clauses.map((clause) => (
          <option key={clause.id} value={clause.id}>
            {clause.number} — {firstWords(clause.text, 60) || '(empty)'}
          </option>
        ))}
      </select>

      {baseClause !== null && kind !== 'add' && (
        <div className="amendment-form__base">
          <span className="amendment-form__base-label">
            {baseClause.number} in {base.version.label}
          </span>
          <div className="amendment-form__base-text">
            <RedlineLines lines={blockLines(amendmentBlocks('modify', baseNode, baseNumber, baseNode))} />
          </div>
        </div>
      )}

      {kind !== 'delete' && proposed !== null && (
        <>
          <span className="field__label amendment-form__wording-label">
            {kind === 'add' ? 'Wording of the new clause' : `Proposed wording of ${baseClause?.number ?? 'the clause'}`}
          </span>
          <ClauseEditor
            key={editorKey}
            initial={proposed}
            onChange={setProposed}
            label={
              kind === 'add' ? 'Wording of the new clause' : `Proposed wording of ${baseClause?.number ?? 'the clause'}`
            }
            disabled={pending}
            testId="amendment-editor"
          />
        </>
      )}

      <div className="amendment-form__redline" aria-live="polite">
        <span className="field__label">As a redline</span>
        <div className="amendment-redline" data-testid="amendment-form-redline">
          {redline.length === 0 || (kind === 'modify' && !hasChanges(redline)) ? (
            <p className="muted amendment-redline__none">No change yet.</p>
          ) : (
            <div>
              <RedlineLines lines={blockLines(blocks)} />
              {touchesPoints(changes, baseNumber) && (
                <p className="amendment-redline__changes" data-testid="amendment-form-changes">
                  {changes.map(pointChangeText).join('; ')}
                </p>
              )}
            </div>
          )}
        </div>
      </div>

      <label className="field__label" htmlFor={`${id}-justification`}>
        Justification
      </label>
      <textarea
        id={`${id}-justification`}
        className="field__input review-form__textarea"
        value={justification}
        onChange={(event) => setJustification(event.target.value)}
        maxLength={MAX_JUSTIFICATION}
        rows={4}
        placeholder="Why the text should change, and what the change achieves"
        disabled={pending}
        data-testid="amendment-justification"
      />

      <fieldset className="amendment-form__pillars">
        <legend className="field__label">Pillars</legend>
        {taxonomy.pillars.length === 0 && <p className="field__hint">This draft has no pillars.</p>}
        {taxonomy.pillars.map((pillar) => (
          <label key={pillar.key} className="amendment-form__pillar" title={pillar.description}>
            <input
              type="checkbox"
              checked={pillars.includes(pillar.key)}
              onChange={() => togglePillar(pillar.key)}
              disabled={pending}
              data-testid={`amendment-pillar-${pillar.key}`}
            />
            <span className="amendment-form__swatch" style={{ backgroundColor: pillar.color }} aria-hidden="true" />
            {pillar.label}
          </label>
        ))}
      </fieldset>

      <FormFooter
        error={error}
        errorTestId="amendment-form-error"
        pending={pending}
        onCancel={onCancel}
        submitLabel="Save as draft"
        pendingLabel="Saving…"
        submitTestId="amendment-save"
        actionsClassName="review-form__actions"
      />
    </form>
  );
}
