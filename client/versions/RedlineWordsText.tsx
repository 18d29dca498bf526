import type { RedlineWords } from '../api/compareApi';

/**
 * A run of redlined words: insertions underlined (`<ins>`), deletions struck through (`<del>`),
 * the rest as it was. Real `<ins>`/`<del>` elements, so screen readers and copy-paste keep the
 * meaning, not only the colour.
 */
export function RedlineWordsText({ words }: { words: readonly RedlineWords[] }) {
  return (
    <p className="redline-text">
      {words.map((word, index) => {
        if (word.op === 'insert') {
          return (
            <ins key={index} className="redline-ins" data-testid="redline-insert">
              {word.text}
            </ins>
          );
        }
        if (word.op === 'delete') {
          return (
            <del key={index} className="redline-del" data-testid="redline-delete">
              {word.text}
            </del>
          );
        }
        return <span key={index}>{word.text}</span>;
      })}
    </p>
  );
}
