import type { Redline } from '../api/compareApi';

const ITEMS: readonly { key: keyof Redline['summary']; label: string }[] = [
  { key: 'modified', label: 'changed' },
  { key: 'added', label: 'added' },
  { key: 'removed', label: 'removed' },
  { key: 'moved', label: 'moved' },
  { key: 'unchanged', label: 'unchanged' },
];

/** How many clauses were changed, added, removed, moved and left alone between the two texts. */
export function RedlineSummary({ summary }: { summary: Redline['summary'] }) {
  return (
    <dl className="redline-summary" aria-label="Summary of changes" data-testid="redline-summary">
      {ITEMS.map((item) => (
        <div
          key={item.key}
          className={`redline-summary__item redline-summary__item--${item.key}`}
          data-testid={`redline-count-${item.key}`}
          data-count={summary[item.key]}
        >
          <dt>{item.label}</dt>
          <dd>{summary[item.key]}</dd>
        </div>
      ))}
    </dl>
  );
}
