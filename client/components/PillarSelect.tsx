import type { SelectHTMLAttributes } from 'react';
import { PILLARS, isPillarKey, type PillarKey } from '../../shared/pillars';

/** Props of {@link PillarSelect}: the select's own attributes, plus the value and what "none" reads. */
export interface PillarSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: PillarKey | null;
  onChange: (pillar: PillarKey | null) => void;
  /** The first option, for no pillar ("All pillars", "None"). */
  noneLabel: string;
}

/** A select of the eight pillars (in their order, with their labels) or none. */
export function PillarSelect({ value, onChange, noneLabel, ...attributes }: PillarSelectProps) {
  return (
    <select
      {...attributes}
      value={value ?? ''}
      onChange={(event) => onChange(isPillarKey(event.target.value) ? event.target.value : null)}
    >
      <option value="">{noneLabel}</option>
      {PILLARS.map((pillar) => (
        <option key={pillar.key} value={pillar.key}>
          {pillar.label}
        </option>
      ))}
    </select>
  );
}
