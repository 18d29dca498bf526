import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useNavigate } from 'react-router';
import { MAX_IMPORT_BYTES, formatImportLimit } from '../shared/importLimits';
import { ApiError } from './api/ApiError';
import { createImportedDraft, previewImport } from './api/importsApi';
import { Taxonomy, type Pillar } from '../shared/pillars';
import { TaxonomyProvider } from './pillars/DraftPillars';
import { PillarsEditor } from './pillars/PillarsEditor';
import { useSignedInUser } from './auth/signedInUser';
import { AppHeader } from './components/AppHeader';
import { BackToDrafts, StateMessage } from './components/StateMessage';
import { ImportPreviewEditor } from './imports/ImportPreviewEditor';
import { editablePreview, importSpec, keptCounts, type EditablePreview } from './imports/editablePreview';
import { importErrorTitle } from './imports/importErrorTitle';
import { draftPath } from './versions/versionPaths';

/** The file types the server reads, for the file picker. */
const ACCEPT =
  '.docx,.md,.markdown,.txt,.xml,.akn,application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
  'text/markdown,text/plain,application/akn+xml';

type Step =
  | { kind: 'choose' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'preview'; fileName: string; preview: EditablePreview }
  | { kind: 'creating'; fileName: string; preview: EditablePreview };

interface ImportFailure {
  code: string;
  message: string;
}

function failureOf(caught: unknown, fallback: string): ImportFailure {
  return caught instanceof ApiError
    ? { code: caught.code, message: caught.message }
    : { code: 'unknown', message: fallback };
}

/**
 * `/drafts/import`: a new draft from a Word (.docx), Markdown, text or Akoma Ntoso file. The server reads the
 * file and answers a preview (the opening formula; numbered paragraphs as clauses, preambular or
 * operative by their numbering or wording; points at every level with the labels they will have;
 * headings, footnotes and annexes) without creating anything; the person corrects the title, the
 * preamble/operative boundary and stray paragraphs, then creates the draft exactly as previewed,
 * which opens in the editor with them as its chair.
 */
export function ImportPage() {
  const me = useSignedInUser();
  const navigate = useNavigate();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFailure(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setFailure({
        code: 'file_too_large',
        message: `${file.name} is larger than ${formatImportLimit()}, the most that can be imported.`,
      });
      return;
    }
    // A file that cannot be read leaves the last good preview in place.
    const previous: Step = step.kind === 'preview' ? step : { kind: 'choose' };
    setStep({ kind: 'reading', fileName: file.name });
    try {
      const preview = await previewImport(file);
      setStep({ kind: 'preview', fileName: file.name, preview: editablePreview(preview) });
    } catch (caught) {
      setFailure(failureOf(caught, 'The file could not be read. Try again.'));
      setStep(previous);
    }
  };

  const create = async () => {
    if (step.kind !== 'preview') return;
    const counts = keptCounts(step.preview);
    if (step.preview.title.trim() === '') {
      setFailure({ code: 'invalid_request', message: 'Give the draft a title.' });
      return;
    }
    if (counts.preambular + counts.operative + counts.annex === 0) {
      setFailure({ code: 'invalid_request', message: 'Keep at least one clause: every clause is left out.' });
      return;
    }
    setFailure(null);
    setStep({ ...step, kind: 'creating' });
    try {
      const draft = await createImportedDraft(importSpec(step.preview));
      navigate(draftPath(draft.id));
    } catch (caught) {
      setFailure(failureOf(caught, 'The draft could not be created. Try again.'));
      setStep({ ...step, kind: 'preview' });
    }
  };

  // The preview stays until another file is actually read: cancelling the file dialog loses nothing.
  const chooseAgain = () => {
    setFailure(null);
    inputRef.current?.click();
  };

  if (!me.canCreateDrafts) {
    return (
      <div className="app">
        <title>Import a draft · Accord</title>
        <AppHeader context="Import" />
        <main className="page">
          <StateMessage tone="error" title="Your account cannot create drafts" action={<BackToDrafts />}>
            Drafts are created by the secretariat. Ask them to import the document and invite you.
          </StateMessage>
        </main>
      </div>
    );
  }

  const busy = step.kind === 'reading' || step.kind === 'creating';
  return (
    <div className="app">
      <title>Import a draft · Accord</title>
      <AppHeader context="Import" />
      <main className="page import-page">
        <div className="page__intro">
          <h1 className="page__title">Import a draft</h1>
          <p className="page__lede">
            From a Word document (.docx), Markdown, plain text or Akoma Ntoso (.xml). Numbered paragraphs become
            clauses; recitals (“Recalling …”, PP1) go to the preamble, decisions (“Decides …”, OP1) to the operative
            part; points (a), (i), (A) keep their levels, and parts, sections, footnotes and annexes are kept. Nothing
            is created until you confirm.
          </p>
        </div>

        <div
          className={`import-file${step.kind === 'preview' || step.kind === 'creating' ? ' import-file--chosen' : ''}`}
        >
          <label className="field__label" htmlFor={inputId}>
            {step.kind === 'preview' || step.kind === 'creating' ? 'Another file' : 'File to import'}
          </label>
          <input
            ref={inputRef}
            id={inputId}
            className="import-file__input"
            type="file"
            accept={ACCEPT}
            onChange={(event) => void read(event)}
            disabled={busy}
            data-testid="import-file"
          />
          <p className="field__hint">At most {formatImportLimit()}. A .doc file must first be saved as .docx.</p>
        </div>

        {failure !== null && (
          <div data-testid="import-error" data-code={failure.code}>
            <StateMessage tone="error" title={importErrorTitle(failure.code)}>
              {failure.message}
            </StateMessage>
          </div>
        )}
        {step.kind === 'reading' && (
          <p className="muted" role="status">
            Reading {step.fileName}…
          </p>
        )}
        {(step.kind === 'preview' || step.kind === 'creating') && (
          <TaxonomyProvider taxonomy={previewTaxonomy(step.preview)}>
            <ImportPreviewEditor
              fileName={step.fileName}
              preview={step.preview}
              onChange={(preview) => setStep({ kind: 'preview', fileName: step.fileName, preview })}
              disabled={step.kind === 'creating'}
            />
            <p className="field__hint">
              {step.preview.pillars.length > 0
                ? 'The pillars the file names; rename, recolour or add to them, or start from a template.'
                : 'The file names no pillars: start from a template, add your own, or leave the draft without any for now.'}
            </p>
            <PillarsEditor
              pillars={step.preview.pillars}
              onChange={(pillars) =>
                setStep({ kind: 'preview', fileName: step.fileName, preview: { ...step.preview, pillars } })
              }
              disabled={step.kind === 'creating'}
            />
            <div className="import-page__actions">
              <button type="button" className="button button--quiet" onClick={chooseAgain} disabled={busy}>
                Choose another file
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void create()}
                disabled={busy}
                data-testid="import-create"
              >
                {step.kind === 'creating' ? 'Creating…' : 'Create draft'}
              </button>
            </div>
          </TaxonomyProvider>
        )}
      </main>
    </div>
  );
}

/** The pillars of the draft being imported as far as they have keys: what the clauses' chips show. */
function previewTaxonomy(preview: EditablePreview): Taxonomy {
  return new Taxonomy(preview.pillars.filter((pillar): pillar is Pillar & typeof pillar => pillar.key !== undefined));
}
