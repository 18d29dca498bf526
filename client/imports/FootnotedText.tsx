import { paragraphFromText } from '../../shared/draftText';

/** The notes of a text, in order: what `^[note]` holds (see shared/draftText.ts). */
export function notesOf(text: string): string[] {
  return (paragraphFromText(text).content ?? []).flatMap((node) => (node.type === 'footnote' ? [node.attrs.note] : []));
}

/**
 * A text of an import preview with its footnotes where they stand, as superscript numbers
 * counted on from `first` across the whole draft, as the draft will number them.
 */
export function FootnotedText({ text, first }: { text: string; first: number }) {
  const nodes = paragraphFromText(text).content ?? [];
  const numberAt = (index: number) => first + nodes.slice(0, index).filter((node) => node.type === 'footnote').length;
  return (
    <>
      {nodes.map((node, index) =>
        node.type === 'text' ? (
          <span key={index}>{node.text}</span>
        ) : (
          <sup key={index} className="import-note__mark" title={node.attrs.note} data-testid="import-note-mark">
            {numberAt(index)}
          </sup>
        ),
      )}
    </>
  );
}

/** The notes of a clause under it, each with its number, as a footnote reads. */
export function FootnoteList({ notes, first }: { notes: readonly string[]; first: number }) {
  if (notes.length === 0) return null;
  return (
    <ol className="import-note__list" start={first} data-testid="import-notes">
      {notes.map((note, index) => (
        <li key={index} className="import-note">
          {note}
        </li>
      ))}
    </ol>
  );
}
