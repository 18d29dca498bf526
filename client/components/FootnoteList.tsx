import { memo } from 'react';
import type { OutlineFootnote } from '../../shared/outline';

/** Props of {@link FootnoteList}. */
export interface FootnoteListProps {
  footnotes: readonly OutlineFootnote[];
  /** Puts the caret at footnote `number`'s marker in the text. */
  onSelect: (number: number) => void;
}

/**
 * The notes of the draft's footnotes under the text, numbered as their markers are (across the
 * whole draft, in document order), each with the clause or point it stands in. Clicking a number
 * goes to its marker. Read from the live outline, so it follows everyone's edits. Nothing when the
 * draft has no footnotes.
 */
export const FootnoteList = memo(function FootnoteList({ footnotes, onSelect }: FootnoteListProps) {
  if (footnotes.length === 0) return null;
  return (
    <section className="footnotes" aria-label="Footnotes" data-testid="footnotes">
      <h2 className="footnotes__heading">Notes</h2>
      <ol className="footnotes__list">
        {footnotes.map((footnote) => (
          <li
            key={footnote.number}
            className="footnotes__item"
            data-testid="footnote-note"
            data-number={footnote.number}
            data-reference={footnote.reference}
          >
            <button
              type="button"
              className="footnotes__number"
              aria-label={`Footnote ${footnote.number}, in ${footnote.reference}: go to its marker`}
              onClick={() => onSelect(footnote.number)}
            >
              {footnote.number}
            </button>
            <span className="footnotes__text">{footnote.note}</span>
            {footnote.reference !== '' && <span className="footnotes__reference">{footnote.reference}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
});
