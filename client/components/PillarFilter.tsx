import { useId } from 'react';
import type { PillarKey } from '../../shared/pillars';
import { useTaxonomy } from '../pillars/DraftPillars';
import { PillarSelect } from './PillarSelect';

/** Props of {@link PillarFilter}. */
export interface PillarFilterProps {
  filter: PillarKey | null;
  onChange: (pillar: PillarKey | null) => void;
}

/** Chooses the pillar whose clauses are highlighted in the text (the others are dimmed), or none. */
export function PillarFilter({ filter, onChange }: PillarFilterProps) {
  const id = useId();
  const taxonomy = useTaxonomy();
  const color = filter ? taxonomy.pillar(filter)?.color : undefined;
  return (
    <div className={`pillar-filter${filter ? ' pillar-filter--active' : ''}`}>
      <label className="pillar-filter__label" htmlFor={id}>
        Highlight
      </label>
      <span className="pillar-filter__control">
        <span
          className="pillar-filter__swatch"
          style={color ? { backgroundColor: color } : undefined}
          aria-hidden="true"
        />
        <PillarSelect
          id={id}
          className="pillar-filter__select"
          data-testid="pillar-filter"
          value={filter}
          onChange={onChange}
          noneLabel="None"
        />
      </span>
      {filter !== null && (
        <button
          type="button"
          className="pillar-filter__clear"
          onClick={() => onChange(null)}
          aria-label="Clear the highlight"
          title="Clear the highlight"
        >
          ×
        </button>
      )}
    </div>
  );
}
