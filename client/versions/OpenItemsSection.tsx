import { useId } from 'react';
import { groupOpenItems, openItemWhat, openItemWho, openStatusLabel } from '../../shared/openItems';
import type { OpenItems } from '../api/compareApi';

/** Props of {@link OpenItemsSection}. */
export interface OpenItemsSectionProps {
  open: OpenItems;
  /** What the older text is called, for "settled since Rev.1" and "new since Rev.1". */
  fromLabel: string;
}

/**
 * Under a redline: the suggestions, brackets and alternatives open in either text, by clause,
 * each still open, settled since the older text, or new since. Nothing when neither has any.
 */
export function OpenItemsSection({ open, fromLabel }: OpenItemsSectionProps) {
  const titleId = useId();
  const groups = groupOpenItems(open);
  if (groups.length === 0) return null;
  return (
    <section className="compare-open" aria-labelledby={titleId} data-testid="compare-open">
      <h2 id={titleId} className="compare-open__title">
        Open suggestions, brackets and alternatives
      </h2>
      {groups.map((group) => (
        <div key={group.clauseId ?? ''} className="compare-open__clause" data-clause-id={group.clauseId ?? ''}>
          <h3 className="compare-open__number">{group.number ?? 'Elsewhere'}</h3>
          <ul className="compare-open__items">
            {group.entries.map(({ status, item }) => (
              <li
                key={item.key}
                className={`compare-open__item compare-open__item--${status}`}
                data-testid="compare-open-item"
                data-status={status}
                data-key={item.key}
              >
                <span className={`redline-badge compare-open__status compare-open__status--${status}`}>
                  {openStatusLabel(status, fromLabel)}
                </span>
                <span className="compare-open__what">{openItemWhat(item)}</span>
                <span className="compare-open__who">{openItemWho(item)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
