import type { JSONContent } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { draftExtensions } from '../../shared/schema';
import { shortcutLabel } from '../components/shortcutLabel';
import { INDENT_SHORTCUT, OUTDENT_SHORTCUT } from '../editor/ClauseKeymap';
import { ClauseDocument, ClauseEditorKeymap } from './ClauseDocument';

/** Props of {@link ClauseEditor}. */
export interface ClauseEditorProps {
  /** The clause to start from (a `clause` node); read when the editor opens, never after. */
  initial: DocumentNodeJSON;
  /** Called with the clause as written after every change. */
  onChange: (clause: DocumentNodeJSON) => void;
  /** The field's accessible name ("Proposed wording of OP3"). */
  label: string;
  disabled?: boolean;
  testId?: string;
}

/** The draft's schema around one clause: every node and mark of the draft, with a document that holds a single clause. */
const extensions = [
  ...draftExtensions.filter((extension) => extension.name !== 'doc'),
  ClauseDocument,
  ClauseEditorKeymap,
  Placeholder.configure({ includeChildren: true, showOnlyCurrent: false, placeholder: 'Wording of the clause' }),
];

/** The clause inside the editor's document. */
function clauseOf(document: JSONContent): DocumentNodeJSON {
  return (document.content?.[0] ?? { type: 'clause', content: [{ type: 'paragraph' }] }) as DocumentNodeJSON;
}

/**
 * A small Tiptap editor for the wording of one clause, in the draft's own schema (paragraphs,
 * points nested three levels deep with live labels, footnotes, bold, italic), so what a delegate
 * proposes is exactly a clause of the text. No collaboration: the wording is the proposer's until they save it. A clause that does
 * not fit the schema is refused in words rather than shown with parts missing.
 */
export function ClauseEditor({ initial, onChange, label, disabled = false, testId }: ClauseEditorProps) {
  const report = useRef(onChange);
  useEffect(() => {
    report.current = onChange;
  }, [onChange]);

  const editor = useEditor(
    {
      extensions,
      content: { type: 'doc', content: [initial] } as JSONContent,
      // Tiptap's base styles are in styles/prosemirror.css: the style element it would inject breaks the CSP.
      injectCSS: false,
      editable: !disabled,
      enableContentCheck: true,
      onContentError: ({ editor: current }) => current.setEditable(false, false),
      onUpdate: ({ editor: current }) => report.current(clauseOf(current.getJSON())),
      editorProps: {
        attributes: {
          class: 'draft-text clause-editor__text',
          'aria-label': label,
          'aria-multiline': 'true',
          role: 'textbox',
          spellcheck: 'true',
        },
      },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
    },
    // The editor opens once with its starting clause; the caller gives it a new `key` to start over.
    [],
  );

  useEffect(() => {
    if (!editor.isDestroyed) editor.setEditable(!disabled, false);
  }, [editor, disabled]);

  return (
    <div className="clause-editor">
      <EditorContent editor={editor} className="draft-editor clause-editor__body" data-testid={testId} />
      <p className="clause-editor__hint">
        Enter starts a new paragraph, or the next point in a point; {shortcutLabel(INDENT_SHORTCUT)} makes a paragraph a
        point (a) and a point one level deeper, (i) then (A); {shortcutLabel(OUTDENT_SHORTCUT)} goes back a level.{' '}
        {shortcutLabel('Mod-b')} bold, {shortcutLabel('Mod-i')} italic. Tab leaves the field.
      </p>
    </div>
  );
}
