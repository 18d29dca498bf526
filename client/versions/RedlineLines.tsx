import type { RedlineSideLine } from './redlineSides';
import { RedlineWordsText } from './RedlineWordsText';

/**
 * The lines of a clause's redline, one per block: the clause's own paragraphs, then its points,
 * each indented by its level ((a), then (i), then (A)) with its label first, as in the text.
 */
export function RedlineLines({ lines }: { lines: readonly RedlineSideLine[] }) {
  return (
    <div className="redline-lines">
      {lines.map((line, index) => (
        <div
          key={index}
          className={`redline-line redline-line--level-${Math.min(line.level, 3)}`}
          data-testid="redline-line"
          data-level={line.level}
          data-point-id={line.id || undefined}
        >
          <RedlineWordsText words={line.words} />
        </div>
      ))}
    </div>
  );
}
