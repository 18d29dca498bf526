import { PillarDots } from '../components/PillarDots';
import type { PreviewRow } from './editablePreview';

/** Props of {@link ImportClauseRow}. */
export interface ImportClauseRowProps {
  row: PreviewRow;
  onMove: (index: number) => void;
  onToggle: (index: number) => void;
  disabled: boolean;
}

const REASONS = { numbering: 'by its numbering', heading: 'by its heading', wording: 'by its wording' } as const;

/**
 * One clause of an import preview: the number it will get, its number in the file, why it is
 * preambular or operative, its text with lettered sub-paragraphs and further paragraphs, its
 * pillars; and the corrections: move it across the preamble/operative boundary, leave it out.
 */
export function ImportClauseRow({ row, onMove, onToggle, disabled }: ImportClauseRowProps) {
  const { clause } = row;
  const left = row.number === null;
  return (
    <li
      className={`import-clause${left ? ' import-clause--excluded' : ''}`}
      data-testid="import-clause"
      data-kind={row.kind}
      data-excluded={left}
    >
      <span className="import-clause__number" data-testid="import-clause-number">
        {row.number ?? '—'}
      </span>
      <div className="import-clause__body">
        <p className="import-clause__text">{clause.text}</p>
        {clause.blocks.map((block, index) => (
          <p key={index} className={block.letter === null ? 'import-clause__paragraph' : 'import-clause__sub'}>
            {block.letter !== null && <span className="import-clause__letter">{block.letter}</span>}
            {block.text}
          </p>
        ))}
        <p className="import-clause__meta">
          {clause.sourceNumber !== null && <span>“{clause.sourceNumber}” in the file · </span>}
          <span>
            {row.kind === 'preambular' ? 'Preambular' : 'Operative'} {REASONS[clause.kindFrom]}
          </span>
          <PillarDots pillars={clause.pillars} />
        </p>
      </div>
      <div className="import-clause__actions">
        {row.movable && !left && (
          <button
            type="button"
            className="button button--quiet import-clause__button"
            onClick={() => onMove(row.index)}
            disabled={disabled}
          >
            {row.kind === 'preambular' ? 'Make operative' : 'Make preambular'}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet import-clause__button"
          onClick={() => onToggle(row.index)}
          disabled={disabled}
          aria-pressed={left}
        >
          {left ? 'Include' : 'Leave out'}
        </button>
      </div>
    </li>
  );
}
