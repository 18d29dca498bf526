import { useEffect, useRef, useState } from 'react';
import { COMMENT_SHORTCUT } from '../comments/CommentSelectionBubble';
import { FOOTNOTE_SHORTCUT, INDENT_SHORTCUT, NEW_POINT_SHORTCUT, OUTDENT_SHORTCUT } from '../editor/ClauseKeymap';
import { shortcutLabel } from './shortcutLabel';

/** Every key the app adds, in the words of the dialog; bindings in Tiptap's notation. */
const SHORTCUTS: readonly { keys: readonly string[]; does: string; range?: true }[] = [
  { keys: ['Tab', 'Shift-Tab'], does: 'Move to the next or previous control; leaves the text' },
  { keys: [INDENT_SHORTCUT], does: 'Make the paragraph a point, or the point a level deeper' },
  { keys: [OUTDENT_SHORTCUT], does: 'Lift the point a level (a first-level point becomes a paragraph)' },
  { keys: [NEW_POINT_SHORTCUT], does: 'Add a point after this one' },
  { keys: ['Enter'], does: 'A new clause, or the next point inside a point' },
  { keys: ['Shift-Enter'], does: 'A line break inside the paragraph' },
  { keys: ['Mod-Alt-ArrowUp', 'Mod-Alt-ArrowDown'], does: 'Move the clause up or down' },
  { keys: ['Mod-Alt-1', 'Mod-Alt-9'], does: "Tag or untag the clause with the draft's pillar 1 to 9", range: true },
  { keys: [COMMENT_SHORTCUT], does: 'Comment on the selected words' },
  { keys: [FOOTNOTE_SHORTCUT], does: 'Add a footnote at the caret' },
  { keys: ['Mod-Alt-s'], does: 'Suggest changes instead of editing, or back' },
  { keys: ['Alt-F10'], does: 'Go to the clause toolbar (Escape returns to the text)' },
  { keys: ['Mod-z', 'Mod-Shift-z'], does: 'Undo, redo' },
  { keys: ['↑', '↓'], does: 'In the outline: the previous or next clause' },
  { keys: ['?'], does: 'This list (outside the text and form fields)' },
];

/** Whether a key press belongs to a field that takes text, where "?" is typed, not a command. */
function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

/**
 * The list of keyboard shortcuts, opened anywhere in the app with "?" when focus is not in the
 * text or a form field; Escape or the Close button shuts it and focus returns where it was.
 */
export function ShortcutsDialog() {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || typesText(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={dialogRef}
      className="dialog shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-dialog"
      onClose={() => setOpen(false)}
    >
      <h2 className="dialog__title" id="shortcuts-title">
        Keyboard shortcuts
      </h2>
      <table className="shortcuts-dialog__table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.does}>
              <td>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && (shortcut.range ? ' … ' : ' / ')}
                    <kbd>{shortcutLabel(key)}</kbd>
                  </span>
                ))}
              </td>
              <td>{shortcut.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog__actions">
        <button
          type="button"
          className="button"
          data-testid="shortcuts-close"
          onClick={() => dialogRef.current?.close()}
        >
          Close
        </button>
      </div>
    </dialog>
  );
}
