import type { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { useEditorState } from '@tiptap/react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { MAX_FOOTNOTE_LENGTH } from '../../shared/limits';
import { caretStructure, mayEditFootnote } from '../editor/caretStructure';
import { OPEN_FOOTNOTE_EVENT } from '../editor/ClauseKeymap';
import { footnoteAtSelection, footnoteNumberAt } from '../editor/findStructure';
import { isRemoteChange } from '../editor/isRemoteChange';
import { cleanNote } from '../editor/structureEditing';
import type { TextPermissions } from '../editor/textPermissions';
import { shortcutLabel } from './shortcutLabel';

/** Props of {@link FootnoteEditor}. */
export interface FootnoteEditorProps {
  editor: Editor;
  editable: boolean;
  permissions: TextPermissions;
}

/** What the form is open on: a new footnote at the caret, or the footnote at `pos`. */
type Target = { mode: 'new' } | { mode: 'edit'; pos: number };

const WIDTH = 340;
const MARGIN = 8;

/** The caret's (or the marker's) line in page coordinates, and where the form opens under it, kept inside the window. */
interface Anchor {
  lineTop: number;
  lineBottom: number;
  left: number;
}

function anchorAt(editor: Editor, pos: number): Anchor {
  const coords = editor.view.coordsAtPos(pos);
  const maxLeft = window.scrollX + document.documentElement.clientWidth - WIDTH - MARGIN;
  return {
    lineTop: coords.top + window.scrollY,
    lineBottom: coords.bottom + window.scrollY,
    left: Math.max(window.scrollX + MARGIN, Math.min(coords.left + window.scrollX - 16, maxLeft)),
  };
}

/**
 * The small form in the page that adds a footnote at the caret, or shows, edits and removes the
 * footnote whose marker was clicked (or that the caret stands after). It opens on Mod-Alt-F and
 * on the toolbar's footnote button (both announce `OPEN_FOOTNOTE_EVENT` on the editor), and on a
 * click on a marker. A footnote the person may not change (in an agreed clause, for a delegate;
 * any footnote for a reader) is shown read-only. Escape or Cancel closes it and puts the focus
 * back in the text.
 */
export function FootnoteEditor({ editor, editable, permissions }: FootnoteEditorProps) {
  const [target, setTarget] = useState<Target | null>(null);
  const [anchor, setAnchor] = useState<Anchor>({ lineTop: 0, lineBottom: 0, left: 0 });
  /** The form's height when it opens above the line; null when it opens under it. */
  const [above, setAbove] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const ref = useRef<HTMLFormElement>(null);

  const open = useCallback(
    (pos?: number) => {
      if (editor.isDestroyed) return;
      const { state } = editor;
      const at = pos ?? footnoteAtSelection(state.selection)?.pos;
      const node = at === undefined ? null : state.doc.nodeAt(at);
      if (at !== undefined && node?.type.name === 'footnote') {
        setTarget({ mode: 'edit', pos: at });
        setNote(String(node.attrs.note));
        setAnchor(anchorAt(editor, at));
      } else if (editable && caretStructure(state, permissions).can.insertFootnote) {
        setTarget({ mode: 'new' });
        setNote('');
        setAnchor(anchorAt(editor, state.selection.to));
      }
    },
    [editor, editable, permissions],
  );

  const close = useCallback(
    (returnFocus: boolean) => {
      setTarget(null);
      if (returnFocus && !editor.isDestroyed) editor.commands.focus();
    },
    [editor],
  );

  useEffect(() => {
    const dom = editor.view.dom;
    const onOpen = () => open();
    const onClick = (event: MouseEvent) => {
      const marker = event.target instanceof Element ? event.target.closest('sup.footnote') : null;
      if (!marker || editor.isDestroyed) return;
      const pos = editor.view.posAtDOM(marker, 0);
      // Depending on the browser the position is before the marker or just inside it.
      const at = editor.state.doc.nodeAt(pos)?.type.name === 'footnote' ? pos : pos - 1;
      open(at);
    };
    dom.addEventListener(OPEN_FOOTNOTE_EVENT, onOpen);
    dom.addEventListener('click', onClick);
    return () => {
      dom.removeEventListener(OPEN_FOOTNOTE_EVENT, onOpen);
      dom.removeEventListener('click', onClick);
    };
  }, [editor, open]);

  // The marker moves as text is typed before it here; a change from others is applied by the binding
  // as a whole new text, which positions cannot follow: the form then checks the marker is still there.
  useEffect(() => {
    if (target?.mode !== 'edit') return;
    const onTransaction = ({ transaction }: { transaction: Transaction }) => {
      if (!transaction.docChanged || isRemoteChange(transaction)) return;
      const pos = transaction.mapping.map(target.pos, 1);
      if (pos !== target.pos) setTarget({ mode: 'edit', pos });
    };
    editor.on('transaction', onTransaction);
    return () => {
      editor.off('transaction', onTransaction);
    };
  }, [editor, target]);

  // Follows the footnote while others edit: its position, number, and whether it may be changed.
  const live = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      if (target === null || current.isDestroyed) return null;
      if (target.mode === 'new') return { exists: true, pos: -1, number: 0, editableHere: editable };
      const { state } = current;
      if (state.doc.nodeAt(target.pos)?.type.name !== 'footnote')
        return { exists: false, pos: target.pos, number: 0, editableHere: false };
      return {
        exists: true,
        pos: target.pos,
        number: footnoteNumberAt(state.doc, target.pos),
        editableHere: editable && mayEditFootnote(state, target.pos, permissions),
      };
    },
  });

  // Under the line, or above it when the window has no room below.
  useLayoutEffect(() => {
    const form = ref.current;
    if (!form) return;
    const roomBelow = window.scrollY + window.innerHeight - anchor.lineBottom;
    const height = form.offsetHeight;
    setAbove(roomBelow < height + MARGIN * 2 && anchor.lineTop - window.scrollY > height + MARGIN ? height : null);
  }, [anchor]);

  useLayoutEffect(() => {
    if (target !== null) ref.current?.querySelector<HTMLElement>('textarea, button')?.focus({ preventScroll: true });
  }, [target]);

  useEffect(() => {
    if (target === null) return;
    const onPointerDown = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [target, close]);

  if (target === null || live === null) return null;
  const top = above === null ? anchor.lineBottom + 6 : anchor.lineTop - above - 6;
  const position: CSSProperties = { top, left: anchor.left, width: WIDTH };
  const readOnly = !live.editableHere;
  const clean = cleanNote(note);
  const title = target.mode === 'new' ? 'New footnote' : live.exists ? `Footnote ${live.number}` : 'Footnote removed';

  const save = () => {
    if (readOnly || clean === null) return;
    const done =
      target.mode === 'new'
        ? editor.chain().focus().insertFootnote(clean).run()
        : editor.chain().focus().setFootnoteNote(target.pos, clean).run();
    if (done || target.mode === 'edit') close(true);
  };

  return createPortal(
    <form
      ref={ref}
      className="footnote-form"
      role="dialog"
      aria-label={title}
      data-testid="footnote-form"
      data-mode={target.mode}
      style={position}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close(true);
        } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
          event.preventDefault();
          save();
        }
      }}
    >
      <p className="footnote-form__title">{title}</p>
      {readOnly ? (
        <>
          <p className="footnote-form__note" data-testid="footnote-form-note">
            {note}
          </p>
          {live.exists && editable && (
            <p className="footnote-form__hint">The clause is agreed: only the chair can change its footnotes.</p>
          )}
        </>
      ) : (
        <label className="footnote-form__field">
          <span className="visually-hidden">Note</span>
          <textarea
            className="footnote-form__input"
            data-testid="footnote-input"
            rows={3}
            maxLength={MAX_FOOTNOTE_LENGTH}
            placeholder="A/70/174, or a reference to an earlier instrument"
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
      )}
      <div className="footnote-form__actions">
        {!readOnly && target.mode === 'edit' && (
          <button
            type="button"
            className="toolbar-button footnote-form__remove"
            data-testid="footnote-remove"
            onClick={() => {
              editor.chain().focus().removeFootnote(target.pos).run();
              close(true);
            }}
          >
            Remove
          </button>
        )}
        <button type="button" className="toolbar-button" data-testid="footnote-cancel" onClick={() => close(true)}>
          {readOnly ? 'Close' : 'Cancel'}
        </button>
        {!readOnly && (
          <button
            type="submit"
            className="toolbar-button footnote-form__save"
            data-testid="footnote-save"
            disabled={clean === null}
            title={shortcutLabel('Mod-Enter')}
          >
            {target.mode === 'new' ? 'Add footnote' : 'Save'}
          </button>
        )}
      </div>
    </form>,
    document.body,
  );
}
