import type { CSSProperties } from 'react';
import { useTaxonomy } from '../pillars/DraftPillars';

/**
 * A clause's pillars as small chips: each pillar's three letters on a rule of its colour, so the
 * colour is never the only sign; the full names for screen readers and on hover.
 */
export function PillarTags({ pillars }: { pillars: readonly string[] }) {
  const taxonomy = useTaxonomy();
  if (pillars.length === 0) return null;
  const labels = pillars.map((key) => taxonomy.label(key));
  return (
    <span className="pillar-tags" title={labels.join('\n')}>
      {pillars.map((key) => {
        const pillar = taxonomy.pillar(key);
        return (
          <span
            key={key}
            className="pillar-tag"
            data-pillar={key}
            style={pillar ? ({ '--pillar-color': pillar.color } as CSSProperties) : undefined}
            aria-hidden="true"
          >
            {pillar?.short ?? '?'}
          </span>
        );
      })}
      <span className="visually-hidden">Pillars: {labels.join(', ')}</span>
    </span>
  );
}
