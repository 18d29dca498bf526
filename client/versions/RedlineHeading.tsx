import type { HeadingRedline } from '../api/compareApi';
import { RedlineWordsText } from './RedlineWordsText';

const CHANGE_LABELS: Record<HeadingRedline['change'], string | null> = {
  added: 'Heading added',
  removed: 'Heading removed',
  modified: 'Retitled',
  unchanged: null,
};

/**
 * A division or annex heading in a redline: its number on the newer side ("Part II", "Annex I";
 * struck through when it was removed, with the older number when it changed) and its title with
 * the words changed marked.
 */
export function RedlineHeading({ heading }: { heading: HeadingRedline }) {
  const number = heading.toNumber ?? heading.fromNumber ?? '';
  const renumbered =
    heading.fromNumber !== null && heading.toNumber !== null && heading.fromNumber !== heading.toNumber;
  const label = CHANGE_LABELS[heading.change];
  return (
    <div
      className={`redline-heading redline-heading--${heading.change}`}
      data-testid="redline-heading"
      data-heading-id={heading.id}
      data-kind={heading.kind}
      data-change={heading.change}
    >
      <span className="redline-heading__number">{number}</span>
      {heading.words.length > 0 && <RedlineWordsText words={heading.words} />}
      {label !== null && <span className={`redline-badge redline-badge--${heading.change}`}>{label}</span>}
      {renumbered && <span className="redline-notes__label">was {heading.fromNumber}</span>}
    </div>
  );
}
