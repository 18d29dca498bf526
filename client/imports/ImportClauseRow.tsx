import type { ImportedBlock, ImportedClause, ImportedDivision } from '../api/importsApi';
import { PillarTags } from '../components/PillarTags';
import type { PreviewRow } from './editablePreview';
import { FootnoteList, FootnotedText, notesOf } from './FootnotedText';

/** Props of {@link ImportClauseRow}. */
export interface ImportClauseRowProps {
  row: PreviewRow;
  onMove: (index: number) => void;
  onToggle: (key: string) => void;
  disabled: boolean;
}

const REASONS = {
  numbering: 'by its numbering',
  heading: 'by its heading',
  wording: 'by its wording',
  structure: 'by the file’s structure',
} as const;

const KINDS = { preambular: 'Preambular', operative: 'Operative', annex: 'Annex paragraph' } as const;

function Block({ block, firstNote }: { block: ImportedBlock; firstNote: number }) {
  if (block.level === 0 || block.label === null)
    return (
      <p className="import-clause__paragraph">
        <FootnotedText text={block.text} first={firstNote} />
      </p>
    );
  return (
    <p
      className={`import-clause__sub import-clause__sub--level-${block.level}${block.unsure ? ' import-clause__sub--unsure' : ''}`}
      data-testid="import-point"
      data-level={block.level}
      data-label={block.label}
    >
      <span className="import-clause__letter">{block.label}</span>
      <FootnotedText text={block.text} first={firstNote} />
      {block.sourceLabel !== null && (
        <span className="import-clause__source-label" data-testid="import-point-source">
          {' '}
          “{block.sourceLabel}” in the file
        </span>
      )}
    </p>
  );
}

function Clause({ clause, row }: { clause: ImportedClause; row: PreviewRow }) {
  const texts = [clause.text, ...clause.blocks.map((block) => block.text)];
  // The number of the first footnote of each text: the clause's first, then on through its blocks.
  const firsts = texts.map(
    (_, index) => row.firstNote + texts.slice(0, index).reduce((sum, text) => sum + notesOf(text).length, 0),
  );
  const notes = texts.flatMap(notesOf);
  return (
    <div className="import-clause__body">
      <p className="import-clause__text">
        <FootnotedText text={clause.text} first={firsts[0]!} />
      </p>
      {clause.blocks.map((block, index) => (
        <Block key={index} block={block} firstNote={firsts[index + 1]!} />
      ))}
      <FootnoteList notes={notes} first={row.firstNote} />
      <p className="import-clause__meta">
        {clause.sourceNumber !== null && <span>“{clause.sourceNumber}” in the file · </span>}
        <span>
          {KINDS[row.kind]} {REASONS[clause.kindFrom]}
        </span>
        <PillarTags pillars={clause.pillars} />
      </p>
    </div>
  );
}

function Division({ division }: { division: ImportedDivision }) {
  return (
    <div className="import-clause__body import-division__body">
      <p className="import-division__title">{division.text || <span className="muted">No title</span>}</p>
      {division.sourceNumber !== null && division.sourceNumber.toLowerCase() !== division.number.toLowerCase() && (
        <p className="import-clause__meta">“{division.sourceNumber}” in the file</p>
      )}
    </div>
  );
}

/**
 * One clause or heading of an import preview: the number it will get (OP3, A1.2, Part II), its
 * text with its points at every level, each with the label Accord will give it (and the file's
 * when that differs, a guessed level marked), its footnotes numbered where they stand and listed
 * under it, why it is preambular or operative, its pillars; and the corrections: move it across
 * the preamble/operative boundary, leave it out.
 */
export function ImportClauseRow({ row, onMove, onToggle, disabled }: ImportClauseRowProps) {
  const left = row.number === null;
  const { entry } = row;
  return (
    <li
      className={`import-clause${entry.type === 'division' ? ` import-division import-division--${entry.level}` : ''}${left ? ' import-clause--excluded' : ''}`}
      data-testid={entry.type === 'division' ? 'import-division' : 'import-clause'}
      data-kind={row.kind}
      data-excluded={left}
    >
      <span
        className="import-clause__number"
        data-testid={entry.type === 'division' ? 'import-division-number' : 'import-clause-number'}
      >
        {row.number ?? '—'}
      </span>
      {entry.type === 'clause' ? <Clause clause={entry} row={row} /> : <Division division={entry} />}
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
          onClick={() => onToggle(row.key)}
          disabled={disabled}
          aria-pressed={left}
        >
          {left ? 'Include' : 'Leave out'}
        </button>
      </div>
    </li>
  );
}
