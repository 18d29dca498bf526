import type { SelectHTMLAttributes } from 'react';
import type { PillarKey } from '../../shared/pillars';
import { useTaxonomy } from '../pillars/DraftPillars';

/** Props of {@link PillarSelect}: the select's own attributes, plus the value and what "none" reads. */
export interface PillarSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: PillarKey | null;
  onChange: (pillar: PillarKey | null) => void;
  /** The first option, for no pillar ("All pillars", "None"). */
  noneLabel: string;
}

/** A select of the draft's pillars (in their order, with their labels) or none. */
export function PillarSelect({ value, onChange, noneLabel, ...attributes }: PillarSelectProps) {
  const taxonomy = useTaxonomy();
  return (
    <select
      {...attributes}
      value={value ?? ''}
      onChange={(event) => onChange(taxonomy.has(event.target.value) ? event.target.value : null)}
    >
      <option value="">{noneLabel}</option>
      {taxonomy.pillars.map((pillar) => (
        <option key={pillar.key} value={pillar.key}>
          {pillar.label}
        </option>
      ))}
    </select>
  );
}
