import { useId } from 'react';
import { MAX_TITLE_LENGTH } from '../../shared/limits';
import { ImportClauseRow } from './ImportClauseRow';
import { keptCounts, moveAcrossBoundary, previewRows, toggleExcluded, type EditablePreview } from './editablePreview';

/** Props of {@link ImportPreviewEditor}. */
export interface ImportPreviewEditorProps {
  fileName: string;
  preview: EditablePreview;
  onChange: (preview: EditablePreview) => void;
  /** True while the draft is being created. */
  disabled: boolean;
}

/**
 * What an import will create, before anything is: the title (editable), what to check, and the
 * preambular and operative clauses with the numbers they will get, sub-paragraphs and pillars.
 */
export function ImportPreviewEditor({ fileName, preview, onChange, disabled }: ImportPreviewEditorProps) {
  const titleId = useId();
  const rows = previewRows(preview);
  const counts = keptCounts(preview);
  const total = counts.preambular + counts.operative;
  const sections = [
    { kind: 'preambular', label: 'Preamble', rows: rows.filter((row) => row.kind === 'preambular') },
    { kind: 'operative', label: 'Operative part', rows: rows.filter((row) => row.kind === 'operative') },
  ] as const;

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
          From <strong>{fileName}</strong>: {total} {total === 1 ? 'clause' : 'clauses'}, {counts.preambular} preambular
          and {counts.operative} operative.
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
      {sections.map((section) => (
        <div key={section.kind} className="import-preview__section">
          <h2 className="import-preview__section-label">
            {section.label}
            <span className="outline__count">{section.rows.filter((row) => row.number !== null).length}</span>
          </h2>
          {section.rows.length === 0 ? (
            <p className="panel-empty">None.</p>
          ) : (
            <ol className="import-preview__list">
              {section.rows.map((row) => (
                <ImportClauseRow
                  key={row.index}
                  row={row}
                  disabled={disabled}
                  onMove={(index) => onChange(moveAcrossBoundary(preview, index))}
                  onToggle={(index) => onChange(toggleExcluded(preview, index))}
                />
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}
