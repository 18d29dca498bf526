import { useId } from 'react';
import type { Pillar, PillarInput } from '../../shared/pillars';
import { MAX_PILLARS_PER_DRAFT, PILLAR_LIMITS, PILLAR_PALETTE, PILLAR_TEMPLATES, shortFor } from '../../shared/pillars';

/**
 * A pillar as it is being written: `key` is set for one the draft (or the imported file) already
 * has, so renaming it keeps its clauses' tags; a new one gets its key from its label when saved.
 */
export interface PillarDraft extends PillarInput {
  /** Stable within the editor, for React and labels. */
  id: string;
  short: string;
  description: string;
  color: string;
}

let counter = 0;

/** Editable copies of pillars. */
export function pillarDrafts(pillars: readonly Pillar[]): PillarDraft[] {
  return pillars.map((pillar) => ({ ...pillar, id: `p${counter++}` }));
}

/** What is sent to the server: no editor ids, and a short code made from the label when left empty. */
export function pillarInputs(drafts: readonly PillarDraft[]): PillarInput[] {
  return drafts.map(({ key, label, short, description, color }) => ({
    ...(key !== undefined && { key }),
    label: label.trim(),
    short: short.trim() || shortFor(label),
    description: description.trim(),
    color,
  }));
}

/** Props of {@link PillarsEditor}. */
export interface PillarsEditorProps {
  pillars: readonly PillarDraft[];
  onChange: (pillars: PillarDraft[]) => void;
  disabled?: boolean;
  /** How many clauses carry each key, to say so beside a pillar in use. */
  usage?: ReadonlyMap<string, number>;
}

/**
 * Writes a draft's pillars: start from a template or from nothing, then add, rename, recolour,
 * reorder and remove them. Each pillar has a label, a short code of up to four letters (shown on
 * the chips, so colour is never the only sign), a colour and a description.
 */
export function PillarsEditor({ pillars, onChange, disabled = false, usage }: PillarsEditorProps) {
  const templateId = useId();
  const update = (id: string, patch: Partial<PillarDraft>) =>
    onChange(pillars.map((pillar) => (pillar.id === id ? { ...pillar, ...patch } : pillar)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...pillars];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  };
  const add = () =>
    onChange([
      ...pillars,
      {
        id: `p${counter++}`,
        label: '',
        short: '',
        description: '',
        color: PILLAR_PALETTE.find((color) => !pillars.some((p) => p.color === color)) ?? PILLAR_PALETTE[0]!,
      },
    ]);

  return (
    <fieldset className="pillars-editor" disabled={disabled} data-testid="pillars-editor">
      <legend className="pillars-editor__legend">Pillars</legend>
      <div className="pillars-editor__templates">
        <label htmlFor={templateId}>Start from</label>
        <select
          id={templateId}
          data-testid="pillar-template"
          value=""
          onChange={(event) => {
            const template = PILLAR_TEMPLATES.find((option) => option.id === event.target.value);
            if (template) onChange(pillarDrafts(template.pillars));
          }}
        >
          <option value="">Choose a template…</option>
          {PILLAR_TEMPLATES.map((template) => (
            <option key={template.id} value={template.id}>
              {template.label}
            </option>
          ))}
        </select>
      </div>
      {pillars.length === 0 && (
        <p className="pillars-editor__empty">No pillars: clauses cannot be tagged until you add some.</p>
      )}
      <ol className="pillars-editor__list">
        {pillars.map((pillar, index) => {
          const used = pillar.key !== undefined ? (usage?.get(pillar.key) ?? 0) : 0;
          const name = pillar.label.trim() || `pillar ${index + 1}`;
          return (
            <li key={pillar.id} className="pillars-editor__item" data-testid="pillar-editor-row">
              <input
                className="field__input pillars-editor__label"
                aria-label={`Label of pillar ${index + 1}`}
                placeholder="Label"
                maxLength={PILLAR_LIMITS.label}
                value={pillar.label}
                onChange={(event) => update(pillar.id, { label: event.target.value })}
              />
              <input
                className="field__input pillars-editor__short"
                aria-label={`Short code of ${name}`}
                placeholder={shortFor(pillar.label || 'Pillar')}
                maxLength={PILLAR_LIMITS.short}
                value={pillar.short}
                onChange={(event) => update(pillar.id, { short: event.target.value.toUpperCase() })}
              />
              <input
                type="color"
                className="pillars-editor__color"
                aria-label={`Colour of ${name}`}
                value={pillar.color}
                onChange={(event) => update(pillar.id, { color: event.target.value })}
              />
              <input
                className="field__input pillars-editor__description"
                aria-label={`Description of ${name}`}
                placeholder="What clauses under it are about"
                maxLength={PILLAR_LIMITS.description}
                value={pillar.description}
                onChange={(event) => update(pillar.id, { description: event.target.value })}
              />
              <span className="pillars-editor__actions">
                {used > 0 && (
                  <span className="pillars-editor__usage">
                    {used} {used === 1 ? 'clause' : 'clauses'}
                  </span>
                )}
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={`Move ${name} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={`Move ${name} down`}
                  disabled={index === pillars.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={`Remove ${name}`}
                  onClick={() => onChange(pillars.filter((other) => other.id !== pillar.id))}
                >
                  Remove
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={add}
        disabled={pillars.length >= MAX_PILLARS_PER_DRAFT}
        data-testid="add-pillar"
      >
        Add a pillar
      </button>
    </fieldset>
  );
}
