import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { shortcutLabel } from '../components/shortcutLabel';

/** Props of {@link CommentSelectionBubble}. */
export interface CommentSelectionBubbleProps {
  editor: Editor;
  /** Whether the reader may comment now. */
  canComment: boolean;
  /** Why not, when they may not (shown instead of the button). */
  closedReason: string;
  /** Whether the bubble should stay away (a composer is open). */
  suppressed: boolean;
  onComment: () => void;
}

/** The keys that start a comment on the selection (or on the clause with the caret). */
export const COMMENT_SHORTCUT = 'Mod-Alt-M';

interface Place {
  top: number;
  left: number;
}

/** Where the bubble goes for the editor's selection now (page coordinates), or null for none. */
function placeFor(editor: Editor): Place | null {
  if (editor.isDestroyed) return null;
  const { view, state } = editor;
  const selection = state.selection;
  if (selection.empty || !(selection instanceof TextSelection)) return null;
  // A read-only text never has the focus; its selection is the page's.
  const dom = window.getSelection();
  const selectedHere =
    view.hasFocus() ||
    (dom !== null && !dom.isCollapsed && dom.anchorNode !== null && view.dom.contains(dom.anchorNode));
  if (!selectedHere) return null;
  const start = view.coordsAtPos(selection.from);
  const end = view.coordsAtPos(selection.to);
  return {
    top: Math.min(start.top, end.top) + window.scrollY,
    left: (start.top === end.top ? (start.left + end.left) / 2 : end.left) + window.scrollX,
  };
}

/**
 * The "Comment" button over selected words (a hand-made bubble rather than Tiptap's BubbleMenu,
 * which hides itself in read-only text, where observers comment). For someone who may not comment
 * now it says why instead. Works with the mouse and with the shortcut shown on it.
 */
export function CommentSelectionBubble({
  editor,
  canComment,
  closedReason,
  suppressed,
  onComment,
}: CommentSelectionBubbleProps) {
  const [place, setPlace] = useState<Place | null>(null);

  useEffect(() => {
    let frame: number | null = null;
    const schedule = () => {
      if (frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        const next = placeFor(editor);
        setPlace((current) => (current?.top === next?.top && current?.left === next?.left ? current : next));
      });
    };
    editor.on('selectionUpdate', schedule);
    editor.on('update', schedule);
    editor.on('blur', schedule);
    document.addEventListener('selectionchange', schedule);
    window.addEventListener('resize', schedule);
    return () => {
      if (frame !== null) cancelAnimationFrame(frame);
      editor.off('selectionUpdate', schedule);
      editor.off('update', schedule);
      editor.off('blur', schedule);
      document.removeEventListener('selectionchange', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [editor]);

  if (place === null || suppressed) return null;
  return createPortal(
    <div className="comment-bubble" style={{ top: place.top, left: place.left }} data-testid="comment-bubble">
      {canComment ? (
        <button
          type="button"
          className="comment-bubble__button"
          data-testid="comment-bubble-button"
          // Keep the selection: the comment is about it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={onComment}
        >
          <span aria-hidden="true" className="comment-bubble__icon" />
          Comment
          <kbd className="comment-bubble__kbd">{shortcutLabel(COMMENT_SHORTCUT)}</kbd>
        </button>
      ) : (
        <span className="comment-bubble__closed" data-testid="comment-bubble-closed">
          {closedReason}
        </span>
      )}
    </div>,
    document.body,
  );
}
