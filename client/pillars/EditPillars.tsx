import { useId, useMemo, useState } from 'react';
import type { OutlineClause } from '../../shared/outline';
import { ApiError } from '../api/ApiError';
import { saveDraftPillars } from '../api/draftsApi';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useTaxonomy } from './DraftPillars';
import { PillarsEditor, pillarDrafts, pillarInputs, type PillarDraft } from './PillarsEditor';

/** What becomes of a removed pillar's tags: moved to another pillar (its key), dropped, or not yet said. */
type Choice = { kind: 'move'; to: string } | { kind: 'drop' } | null;

/**
 * The chair's "Edit pillars": the draft's pillars in an editor, saved for everyone at once.
 * Renaming keeps a pillar's clauses; removing one that clauses carry asks, pillar by pillar,
 * whether their tags move to another pillar or are dropped, and saving waits for the answer.
 */
export function EditPillars({ draftId, clauses }: { draftId: string; clauses: readonly OutlineClause[] }) {
  const taxonomy = useTaxonomy();
  const [editing, setEditing] = useState<PillarDraft[] | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choiceId = useId();

  const usage = useMemo(() => {
    const counts = new Map<string, number>();
    for (const clause of clauses) for (const key of clause.pillars) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  }, [clauses]);

  const kept = new Set(editing?.flatMap((pillar) => (pillar.key === undefined ? [] : [pillar.key])) ?? []);
  const removedInUse = taxonomy.pillars.filter((pillar) => !kept.has(pillar.key) && (usage.get(pillar.key) ?? 0) > 0);
  const targets = (editing ?? []).filter((pillar): pillar is PillarDraft & { key: string } => pillar.key !== undefined);
  const unanswered = removedInUse.filter((pillar) => !choices[pillar.key]);

  const open = () => {
    setEditing(pillarDrafts(taxonomy.pillars));
    setChoices({});
    setError(null);
  };
  const save = async () => {
    if (!editing) return;
    if (unanswered.length > 0) {
      setError(`Say what becomes of the clauses tagged ${unanswered.map((pillar) => `“${pillar.label}”`).join(', ')}.`);
      return;
    }
    const removed: Record<string, string | null> = {};
    for (const pillar of removedInUse) {
      const choice = choices[pillar.key]!;
      removed[pillar.key] = choice.kind === 'move' ? choice.to : null;
    }
    setBusy(true);
    setError(null);
    try {
      await saveDraftPillars(draftId, pillarInputs(editing), removed);
      setEditing(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The pillars could not be saved. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button button--secondary" onClick={open} data-testid="edit-pillars">
        Edit pillars
      </button>
      {editing !== null && (
        <ConfirmDialog
          title="Pillars of this draft"
          confirmLabel="Save pillars"
          busy={busy}
          error={error}
          onConfirm={() => void save()}
          onCancel={() => setEditing(null)}
          testId="pillars-dialog"
          wide
        >
          <p>
            Everyone with the draft open sees the change at once. Renaming a pillar keeps its clauses; its key stays the
            same.
          </p>
          <PillarsEditor pillars={editing} onChange={setEditing} disabled={busy} usage={usage} />
          {removedInUse.map((pillar) => {
            const count = usage.get(pillar.key) ?? 0;
            const choice = choices[pillar.key] ?? null;
            const value = choice === null ? '' : choice.kind === 'drop' ? 'drop' : `move:${choice.to}`;
            return (
              <div key={pillar.key} className="pillars-removal" data-testid="pillar-removal">
                <label htmlFor={`${choiceId}-${pillar.key}`}>
                  “{pillar.label}” is removed, and {count} {count === 1 ? 'clause carries' : 'clauses carry'} it. Its
                  tags:
                </label>
                <select
                  id={`${choiceId}-${pillar.key}`}
                  value={value}
                  disabled={busy}
                  onChange={(event) => {
                    const next = event.target.value;
                    setError(null);
                    setChoices({
                      ...choices,
                      [pillar.key]:
                        next === 'drop'
                          ? { kind: 'drop' }
                          : next.startsWith('move:')
                            ? { kind: 'move', to: next.slice('move:'.length) }
                            : null,
                    });
                  }}
                >
                  <option value="">Choose…</option>
                  <option value="drop">Drop them (the clauses keep their other pillars)</option>
                  {targets.map((target) => (
                    <option key={target.key} value={`move:${target.key}`}>
                      Move them to “{target.label || target.key}”
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </ConfirmDialog>
      )}
    </>
  );
}
