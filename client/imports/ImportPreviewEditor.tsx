import { useId } from 'react';
import { MAX_TITLE_LENGTH } from '../../shared/limits';
import { ImportClauseRow } from './ImportClauseRow';
import {
  FORMULA_KEY,
  keptCounts,
  moveAcrossBoundary,
  previewAnnexes,
  previewRows,
  toggleExcluded,
  type EditablePreview,
  type PreviewRow,
} from './editablePreview';

/** Props of {@link ImportPreviewEditor}. */
export interface ImportPreviewEditorProps {
  fileName: string;
  preview: EditablePreview;
  onChange: (preview: EditablePreview) => void;
  /** True while the draft is being created. */
  disabled: boolean;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What an import will create, before anything is: the title (editable), what to check, the
 * opening formula, and the preambular clauses, the operative part with its headings, and the
 * annexes, each clause with the number it will get, its points at every level with their labels,
 * its footnotes and pillars.
 */
export function ImportPreviewEditor({ fileName, preview, onChange, disabled }: ImportPreviewEditorProps) {
  const titleId = useId();
  const rows = previewRows(preview);
  const annexes = previewAnnexes(preview);
  const counts = keptCounts(preview);
  const total = counts.preambular + counts.operative + counts.annex;
  const formulaLeft = preview.excluded.has(FORMULA_KEY);
  const list = (sectionRows: readonly PreviewRow[]) =>
    sectionRows.length === 0 ? (
      <p className="panel-empty">None.</p>
    ) : (
      <ol className="import-preview__list">
        {sectionRows.map((row) => (
          <ImportClauseRow
            key={row.key}
            row={row}
            disabled={disabled}
            onMove={(index) => onChange(moveAcrossBoundary(preview, index))}
            onToggle={(key) => onChange(toggleExcluded(preview, key))}
          />
        ))}
      </ol>
    );
  const sections = [
    { kind: 'preambular', label: 'Preamble', rows: rows.filter((row) => row.kind === 'preambular') },
    { kind: 'operative', label: 'Operative part', rows: rows.filter((row) => row.kind === 'operative') },
  ] as const;
  const kept = (sectionRows: readonly PreviewRow[]) =>
    sectionRows.filter((row) => row.number !== null && row.entry.type === 'clause').length;

  return (
    <section className="import-preview" aria-label="Preview" data-testid="import-preview">
      <div className="import-preview__head">
        <label className="field__label" htmlFor={titleId}>
          Title
        </label>
        <input
          id={titleId}
          className="field__input import-preview__title"
          name="title"
          value={preview.title}
          maxLength={MAX_TITLE_LENGTH}
          onChange={(event) => onChange({ ...preview, title: event.target.value })}
          disabled={disabled}
          data-testid="import-title"
        />
        <p className="import-preview__counts" data-testid="import-counts" data-total={total}>
          From <strong>{fileName}</strong>: {plural(total, 'clause')}, {counts.preambular} preambular and{' '}
          {counts.operative} operative
          {annexes.length > 0 && `, ${counts.annex} in ${plural(annexes.length, 'annex', 'annexes')}`}.
        </p>
      </div>
      {preview.warnings.length > 0 && (
        <div className="import-preview__warnings" role="note" data-testid="import-warnings">
          <p className="import-preview__warnings-title">Check before creating the draft</p>
          <ul>
            {preview.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.formula !== null && (
        <div className="import-preview__section">
          <h2 className="import-preview__section-label">Opening formula</h2>
          <div
            className={`import-formula${formulaLeft ? ' import-clause--excluded' : ''}`}
            data-testid="import-formula"
          >
            <p className="import-clause__body import-formula__text">{preview.formula}</p>
            <button
              type="button"
              className="button button--quiet import-clause__button"
              onClick={() => onChange(toggleExcluded(preview, FORMULA_KEY))}
              disabled={disabled}
              aria-pressed={formulaLeft}
            >
              {formulaLeft ? 'Include' : 'Leave out'}
            </button>
          </div>
        </div>
      )}
      {sections.map((section) => (
        <div key={section.kind} className="import-preview__section">
          <h2 className="import-preview__section-label">
            {section.label}
            <span className="outline__count">{kept(section.rows)}</span>
          </h2>
          {list(section.rows)}
        </div>
      ))}
      {annexes.map((annex, index) => (
        <div key={index} className="import-preview__section" data-testid="import-annex">
          <h2 className="import-preview__section-label">
            {annex.label}
            <span className="outline__count">{kept(annex.rows)}</span>
          </h2>
          <p className="import-annex__title">
            {annex.title || <span className="muted">No title</span>}
            {annex.sourceLabel !== null && (
              <span className="import-clause__meta"> “{annex.sourceLabel}” in the file</span>
            )}
          </p>
          {list(annex.rows)}
        </div>
      ))}
    </section>
  );
}
