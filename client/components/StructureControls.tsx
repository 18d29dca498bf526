import type { Editor } from '@tiptap/core';
import type { MouseEvent } from 'react';
import { DIVISION_LEVELS, isDivisionLevel } from '../../shared/structure';
import type { CaretStructure } from '../editor/caretStructure';
import {
  FOOTNOTE_SHORTCUT,
  INDENT_SHORTCUT,
  NEW_POINT_SHORTCUT,
  OPEN_FOOTNOTE_EVENT,
  OUTDENT_SHORTCUT,
} from '../editor/ClauseKeymap';
import type { TextPermissions } from '../editor/textPermissions';
import { shortcutLabel } from './shortcutLabel';

/** Props of {@link StructureControls}. */
export interface StructureControlsProps {
  editor: Editor;
  structure: CaretStructure;
  editable: boolean;
  permissions: TextPermissions;
}

/** Keeps the caret in the text when a button is pressed with the mouse. */
function keepEditorFocus(event: MouseEvent): void {
  event.preventDefault();
}

const LEVEL_LABELS = { part: 'Part', section: 'Section' } as const;

/** A toolbar button: its visible text first in its name, then what it does and its shortcut when it has one. */
function ToolButton(props: {
  label: string;
  text: string;
  shortcut?: string;
  disabled: boolean;
  testId: string;
  onClick: () => void;
}) {
  const name = `${props.text}: ${props.label}${props.shortcut ? ` (${shortcutLabel(props.shortcut)})` : ''}`;
  return (
    <button
      type="button"
      className="toolbar-button"
      aria-label={name}
      title={name}
      data-testid={props.testId}
      disabled={props.disabled}
      onMouseDown={keepEditorFocus}
      onClick={props.onClick}
    >
      {props.text}
    </button>
  );
}

/**
 * The second row of the clause toolbar: the structure of the text around the caret. Points (new,
 * indent, outdent), a footnote at the caret, a part or section heading before the clause; in a
 * heading, its level and removing it; the opening formula (the chair's) and annexes. Every button
 * is disabled when the change would not apply or would be refused (inside an agreed clause, for a
 * delegate, nothing changes), judged by the same rules the editor applies.
 */
export function StructureControls({ editor, structure, editable, permissions }: StructureControlsProps) {
  const off = !editable;
  const { can } = structure;
  const run = (command: () => boolean) => () => {
    if (editable) command();
  };
  return (
    <div className="structure-controls" role="group" aria-label="Structure" data-testid="structure-controls">
      <span className="structure-controls__group" role="group" aria-label="Points">
        <ToolButton
          label="New point"
          text="+ Point"
          shortcut={NEW_POINT_SHORTCUT}
          testId="toolbar-new-point"
          disabled={off || !can.insertPoint}
          onClick={run(() => editor.chain().focus().insertPoint().run())}
        />
        <ToolButton
          label={structure.where === 'point' ? 'Indent the point one level' : 'Make the paragraph a point'}
          text="→ Indent"
          shortcut={INDENT_SHORTCUT}
          testId="toolbar-indent"
          disabled={off || !can.indent}
          onClick={run(() => editor.chain().focus().indentClauseBlock().run())}
        />
        <ToolButton
          label={structure.where === 'point' ? 'Outdent the point one level' : 'Start a clause with this paragraph'}
          text="← Outdent"
          shortcut={OUTDENT_SHORTCUT}
          testId="toolbar-outdent"
          disabled={off || !can.outdent}
          onClick={run(() => editor.chain().focus().outdentClauseBlock().run())}
        />
      </span>
      <span className="structure-controls__group" role="group" aria-label="Insert">
        <ToolButton
          label={
            structure.footnotePos !== null ? `Footnote ${structure.footnoteNumber}` : 'Add a footnote at the caret'
          }
          text={structure.footnotePos !== null ? `Footnote ${structure.footnoteNumber}…` : '+ Footnote'}
          shortcut={FOOTNOTE_SHORTCUT}
          testId="toolbar-footnote"
          disabled={structure.footnotePos === null && (off || !can.insertFootnote)}
          onClick={() => editor.view.dom.dispatchEvent(new CustomEvent(OPEN_FOOTNOTE_EVENT, { bubbles: true }))}
        />
        {DIVISION_LEVELS.map((level) => (
          <ToolButton
            key={level}
            label={`Add a ${level} heading before the clause`}
            text={`+ ${LEVEL_LABELS[level]}`}
            testId={`toolbar-add-${level}`}
            disabled={off || !can.insertDivision}
            onClick={run(() => editor.chain().focus().insertDivision(level).run())}
          />
        ))}
      </span>
      {structure.where === 'division' && structure.divisionLevel !== null && (
        <span className="structure-controls__group" role="group" aria-label={`Heading ${structure.reference}`}>
          <select
            className="toolbar-select"
            aria-label={`Heading level (${shortcutLabel(INDENT_SHORTCUT)} / ${shortcutLabel(OUTDENT_SHORTCUT)})`}
            data-testid="toolbar-division-level"
            disabled={off}
            value={structure.divisionLevel}
            onChange={(event) => {
              if (editable && isDivisionLevel(event.target.value))
                editor.chain().setDivisionLevel(event.target.value).focus().run();
            }}
          >
            {DIVISION_LEVELS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
          <ToolButton
            label="Remove the heading (its clauses stay)"
            text="Remove heading"
            testId="toolbar-remove-division"
            disabled={off}
            onClick={run(() => editor.chain().focus().removeDivision().run())}
          />
        </span>
      )}
      <span className="structure-controls__group" role="group" aria-label="Draft">
        {permissions.rename &&
          (structure.hasFormula ? (
            <ToolButton
              label="Remove the opening formula"
              text="Remove formula"
              testId="toolbar-remove-formula"
              disabled={off || !can.removeFormula}
              onClick={run(() => editor.chain().focus().removeFormula().run())}
            />
          ) : (
            <ToolButton
              label="Add an opening formula (“The General Assembly,”)"
              text="+ Formula"
              testId="toolbar-add-formula"
              disabled={off || !can.addFormula}
              onClick={run(() => editor.chain().focus().addFormula().run())}
            />
          ))}
        <ToolButton
          label="Add an annex at the end of the draft"
          text="+ Annex"
          testId="toolbar-add-annex"
          disabled={off || !can.addAnnex}
          onClick={run(() => editor.chain().focus().addAnnex().run())}
        />
        {structure.annexId !== null && (
          <ToolButton
            label={structure.annexEmpty ? 'Remove this annex' : 'Only an annex without words can be removed'}
            text="Remove annex"
            testId="toolbar-remove-annex"
            disabled={off || !structure.annexEmpty}
            onClick={run(() => editor.chain().focus().removeAnnex().run())}
          />
        )}
      </span>
    </div>
  );
}
