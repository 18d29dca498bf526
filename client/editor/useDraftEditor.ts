import type { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { Dropcursor, Placeholder } from '@tiptap/extensions';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { useEditor } from '@tiptap/react';
import { yCursorPluginKey, ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap';
import { useEffect, useLayoutEffect } from 'react';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftExtensions } from '../../shared/schema';
import type { CollabSession } from '../collab/CollabSession';
import { ClauseCommands } from './ClauseCommands';
import { ClauseIds } from './ClauseIds';
import { ClauseKeymap } from './ClauseKeymap';
import { ClauseNumbering, taxonomyOf } from './ClauseNumbering';
import type { Taxonomy } from '../../shared/pillars';
import { CommentHighlights } from './CommentHighlights';
import { CurrentClause } from './CurrentClause';
import { LockedText } from './LockedText';
import { MarkerLabels } from './MarkerLabels';
import { SuggestMode } from './SuggestMode';
import type { TextPermissions } from './textPermissions';

/** Id of the draft's text on the page: the target of the page's "Skip to the text" link. */
export const DRAFT_TEXT_ID = 'draft-text';

/** Shown when Tiptap's content check finds the document invalid for the schema. */
export const CONTENT_ERROR_MESSAGE =
  'This draft contains text this version of Accord cannot display correctly. Editing is ' +
  'paused so that nothing is lost or changed. Reload the page; if this persists, tell the ' +
  'secretariat.';

const PLACEHOLDERS: Readonly<Record<string, string>> = {
  title: 'Title of the norms text',
  formula: 'The General Assembly,',
  division: 'Title of the heading',
  annexTitle: 'Title of the annex',
};

/**
 * The hint in an empty title, formula, heading, annex title or clause. Which section a clause is
 * in is left to CSS (`draft.css` words the hint per section), because the placeholder callback
 * runs while the editor's state is still the previous one and positions cannot be trusted there.
 */
function placeholderFor(node: ProseMirrorNode): string {
  return PLACEHOLDERS[node.type.name] ?? 'Clause text';
}

/**
 * The name on this person's caret as the editor announces it. The server replaces it with the
 * signed-in person's name and colour before anyone else sees it, so it only has to be plausible.
 */
export interface CaretUser {
  name: string;
  /** `#rrggbb`: CollaborationCaret refuses any other colour form. */
  color: string;
}

/**
 * The editor of a draft's live text: the shared schema bound to the session's Yjs document,
 * with everyone's carets and the clause machinery (ids, numbering, keys, commands).
 *
 * Content this version cannot represent stops collaboration instead of being dropped, so an
 * older tab never erases a newer client's text: unknown elements, attributes and marks are
 * caught by the session before the binding sees them (see `findUnknownContent`), and anything
 * else the schema refuses by Tiptap's `enableContentCheck`.
 *
 * `permissions` are the person's on the text, live: what their role may not change (agreed
 * clauses, the title, statuses) is refused before it is sent, and shown locked.
 */
export function useDraftEditor(
  session: CollabSession,
  identity: CaretUser,
  editable: boolean,
  permissions: TextPermissions,
  /** The draft's pillars, live: the gutter's chips, the pillar commands and the outline's checks read them. */
  taxonomy: Taxonomy,
  /** Told why a change made while suggesting could not be made (taken once, with the session: pass a stable function). */
  onSuggestRefused: (reason: string) => void = () => undefined,
): Editor {
  const editor = useEditor(
    {
      extensions: [
        ...draftExtensions,
        LockedText.configure({ permissions }),
        SuggestMode.configure({ onRefused: onSuggestRefused }),
        MarkerLabels,
        ClauseIds,
        ClauseNumbering.configure({ taxonomy }),
        CurrentClause,
        ClauseCommands,
        ClauseKeymap,
        CommentHighlights,
        Collaboration.configure({ document: session.doc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: { name: identity.name, color: identity.color },
        }),
        Dropcursor.configure({ color: '#1d4ed8', width: 2 }),
        Placeholder.configure({
          includeChildren: true,
          showOnlyCurrent: false,
          placeholder: ({ node }) => placeholderFor(node),
        }),
      ],
      // Tiptap's base styles are in styles/prosemirror.css: the style element it would inject breaks the CSP.
      injectCSS: false,
      // Editable only once real content is there: typing into the empty default document would
      // write a second title and sections into the shared text (seeding is the server's job).
      editable,
      enableContentCheck: true,
      onContentError: ({ disableCollaboration, editor: current }) => {
        disableCollaboration();
        current.setEditable(false, false);
        session.halt(CONTENT_ERROR_MESSAGE);
      },
      editorProps: {
        attributes: {
          id: DRAFT_TEXT_ID,
          class: 'draft-text',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': 'Draft text',
          spellcheck: 'true',
        },
      },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
    },
    [session],
  );

  useEffect(() => {
    if (editor.isDestroyed) return;
    editor.setEditable(editable, false);
  }, [editor, editable]);

  useLayoutEffect(() => {
    if (!editor.isDestroyed && taxonomyOf(editor.state) !== taxonomy) editor.commands.setTaxonomy(taxonomy);
  }, [editor, taxonomy]);

  // Before paint, so a role that just changed never shows the old locks for a frame.
  useLayoutEffect(() => {
    if (!editor.isDestroyed) editor.commands.setTextPermissions(permissions);
  }, [editor, permissions]);

  // Runs inside the Yjs transaction that brought unknown content, before the binding's observer:
  // removing the sync plugin destroys the binding without letting it write to the document
  // (ProseMirror destroys plugin views on reconfigure instead of updating them). The text stays
  // on screen, read-only, as it was before the unknown content arrived.
  useLayoutEffect(
    () =>
      session.onUnknownContent(() => {
        if (editor.isDestroyed) return;
        editor.unregisterPlugin([ySyncPluginKey, yUndoPluginKey, yCursorPluginKey]);
        editor.setEditable(false, false);
      }),
    [session, editor],
  );

  useEffect(() => {
    if (editor.isDestroyed) return;
    editor.commands.updateUser({ name: identity.name, color: identity.color });
  }, [editor, identity.name, identity.color]);

  return editor;
}
