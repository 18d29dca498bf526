import type { JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { EditorContent, useEditor } from '@tiptap/react';
import { useMemo } from 'react';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { draftExtensions, draftSchema } from '../../shared/schema';
import { ClauseNumbering } from '../editor/ClauseNumbering';
import { useTaxonomy } from '../pillars/DraftPillars';

let schema: Schema | null = null;

/** Whether the schema can represent `document` exactly, as the live editor's content check would decide. */
function fitsSchema(document: DocumentNodeJSON): boolean {
  schema ??= draftSchema();
  try {
    schema.nodeFromJSON(document).check();
    return true;
  } catch {
    return false;
  }
}

/** Props of {@link ReadOnlyDraftText}. */
export interface ReadOnlyDraftTextProps {
  /** The text, as the versions API sends it. */
  document: DocumentNodeJSON;
  /** What the text is, for screen readers ("Text of Rev.1"). */
  label: string;
}

/**
 * A version's text, read-only, drawn by the same schema and numbering extension as the live
 * editor: the same clause numbers, sub-paragraph letters, pillar chips and status badges, from
 * the same functions. No collaboration: a version never changes. A text this client cannot
 * represent is refused in words rather than shown with parts missing.
 */
export function ReadOnlyDraftText({ document, label }: ReadOnlyDraftTextProps) {
  const valid = useMemo(() => fitsSchema(document), [document]);
  if (!valid) {
    return (
      <p className="draft-paper__loading">
        This text cannot be shown in this version of Accord. Download it in one of the export formats instead.
      </p>
    );
  }
  return <ValidText document={document} label={label} />;
}

function ValidText({ document, label }: ReadOnlyDraftTextProps) {
  const taxonomy = useTaxonomy();
  const editor = useEditor(
    {
      extensions: [...draftExtensions, ClauseNumbering.configure({ taxonomy })],
      content: document as JSONContent,
      // Tiptap's base styles are in styles/prosemirror.css: the style element it would inject breaks the CSP.
      injectCSS: false,
      editable: false,
      editorProps: { attributes: { class: 'draft-text', role: 'article', 'aria-label': label } },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
    },
    [document, label, taxonomy],
  );
  return <EditorContent editor={editor} className="draft-editor draft-editor--read-only" data-testid="version-text" />;
}
