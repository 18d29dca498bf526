import { pillarByKey } from '../../shared/pillars';

/** A clause's pillars as small dots in the pillars' colours, named for screen readers and on hover. */
export function PillarDots({ pillars }: { pillars: readonly string[] }) {
  if (pillars.length === 0) return null;
  const labels = pillars.map((key) => pillarByKey(key)?.label ?? key);
  return (
    <span className="pillar-dots" title={labels.join('\n')}>
      {pillars.map((key) => {
        const pillar = pillarByKey(key);
        return (
          <span
            key={key}
            className="pillar-dots__dot"
            data-pillar={key}
            style={pillar ? { backgroundColor: pillar.color } : undefined}
            aria-hidden="true"
          />
        );
      })}
      <span className="visually-hidden">Pillars: {labels.join(', ')}</span>
    </span>
  );
}
