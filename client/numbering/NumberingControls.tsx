import { useState } from 'react';
import type { Outline } from '../../shared/outline';
import type { Role } from '../../shared/roles';
import { can } from '../../shared/roles';
import { changeNumbering } from '../api/numberingApi';

/** Props of {@link NumberingControls}. */
export interface NumberingControlsProps {
  draftId: string;
  role: Role | null;
  numbering: Outline['numbering'];
}

/**
 * Stable numbers in the outline (docs/numbering.md): everyone sees whether the numbering is frozen
 * and which numbered clauses were deleted since; the chair freezes it, renumbers (after a
 * confirmation: references in comments and amendments are rewritten) or lets numbers follow the
 * order again.
 */
export function NumberingControls({ draftId, role, numbering }: NumberingControlsProps) {
  const [message, setMessage] = useState<string | null>(null);
  const chair = can(role ?? undefined, 'draft:renumber');
  const act = (action: 'freeze' | 'unfreeze' | 'renumber') => {
    setMessage(null);
    changeNumbering(draftId, action).then(
      (result) =>
        setMessage(action === 'renumber' ? `Renumbered; ${result.references ?? 0} cited numbers rewritten.` : null),
      (failure: unknown) => setMessage(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  if (!numbering.frozen && !chair) return null;
  return (
    <div className="numbering" data-testid="numbering">
      {numbering.frozen && (
        <p className="numbering__state" data-testid="numbering-frozen">
          Numbers frozen: new paragraphs are numbered “bis”, “ter”…
          {numbering.deleted.length > 0 &&
            ` Deleted: ${numbering.deleted.map((entry) => `${entry.number} [deleted]`).join(', ')}.`}
        </p>
      )}
      {chair && (
        <div className="numbering__actions">
          {!numbering.frozen && (
            <button type="button" onClick={() => act('freeze')} data-testid="numbering-freeze">
              Freeze numbers
            </button>
          )}
          {numbering.frozen && (
            <>
              <button
                type="button"
                onClick={() => {
                  if (
                    window.confirm(
                      'Renumber every paragraph in order? Numbers cited in comments and amendments are rewritten.',
                    )
                  )
                    act('renumber');
                }}
                data-testid="numbering-renumber"
              >
                Renumber…
              </button>
              <button type="button" onClick={() => act('unfreeze')}>
                Unfreeze
              </button>
            </>
          )}
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}
