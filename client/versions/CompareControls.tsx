import { useId } from 'react';
import { LIVE } from '../api/compareApi';
import type { DraftVersion } from '../api/versionsApi';
import type { RedlineLayout } from './RedlineClause';

/** Props of {@link CompareControls}. */
export interface CompareControlsProps {
  /** The draft's versions, oldest first. */
  versions: readonly DraftVersion[];
  /** The older text and the newer one: version ids, or `live`. */
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
  layout: RedlineLayout;
  onLayoutChange: (layout: RedlineLayout) => void;
  changesOnly: boolean;
  onChangesOnlyChange: (changesOnly: boolean) => void;
}

function TextPicker({
  id,
  label,
  value,
  versions,
  onChange,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  versions: readonly DraftVersion[];
  onChange: (value: string) => void;
  testId: string;
}) {
  const known = value === LIVE || versions.some((version) => version.id === value);
  return (
    <div className="compare-controls__picker">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      >
        {!known && <option value={value}>Unknown version</option>}
        {[...versions].reverse().map((version) => (
          <option key={version.id} value={version.id}>
            {version.label}
          </option>
        ))}
        <option value={LIVE}>Live text</option>
      </select>
    </div>
  );
}

/**
 * What the compare page compares and how it shows it: the older and the newer text (any version,
 * or the live text), a swap, inline or side by side, and whether unchanged clauses are shown.
 */
export function CompareControls({
  versions,
  from,
  to,
  onChange,
  layout,
  onLayoutChange,
  changesOnly,
  onChangesOnlyChange,
}: CompareControlsProps) {
  const id = useId();
  return (
    <div className="compare-controls">
      <TextPicker
        id={`${id}-from`}
        label="From"
        value={from}
        versions={versions}
        onChange={(next) => onChange(next, to)}
        testId="compare-from"
      />
      <button
        type="button"
        className="button button--quiet compare-controls__swap"
        onClick={() => onChange(to, from)}
        aria-label="Swap the two texts"
        title="Swap"
      >
        ⇄
      </button>
      <TextPicker
        id={`${id}-to`}
        label="To"
        value={to}
        versions={versions}
        onChange={(next) => onChange(from, next)}
        testId="compare-to"
      />
      <div className="compare-controls__view">
        <div className="segmented" role="radiogroup" aria-label="Layout">
          {(['inline', 'side-by-side'] as const).map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={layout === option}
              className={`segmented__option${layout === option ? ' segmented__option--selected' : ''}`}
              onClick={() => onLayoutChange(option)}
              data-testid={`compare-layout-${option}`}
            >
              {option === 'inline' ? 'Inline' : 'Side by side'}
            </button>
          ))}
        </div>
        <label className="compare-controls__check">
          <input
            type="checkbox"
            checked={changesOnly}
            onChange={(event) => onChangesOnlyChange(event.target.checked)}
            data-testid="compare-changes-only"
          />
          Changed clauses only
        </label>
      </div>
    </div>
  );
}
