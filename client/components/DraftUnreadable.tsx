import { useState } from 'react';
import { refusalHeadline, RefusalCode } from '../../shared/closeCodes';
import { ApiError } from '../api/ApiError';
import { describeRecovery, getRecovery, recoverDraft } from '../api/recoveryApi';
import { useApiQuery } from '../api/useApiQuery';

/** Props of {@link DraftUnreadable}. */
export interface DraftUnreadableProps {
  draftId: string;
  /** The server's sentence saying what it could not read. */
  reason: string;
  /** Whether the person may restore the last good state (the chair). */
  mayRestore: boolean;
}

/**
 * Shown in place of the text when the server cannot read the draft's stored text: no editor is
 * bound to the document (an editor would fill the empty document with a template and send it),
 * and nobody can change the text until it is restored. The chair is offered the last good state;
 * once restored, the server sends every open page back to load it.
 */
export function DraftUnreadable({ draftId, reason, mayRestore }: DraftUnreadableProps) {
  return (
    <div className="draft-unreadable" role="alert" data-testid="draft-unreadable">
      <h2 className="draft-unreadable__title">{refusalHeadline(RefusalCode.Unreadable)}</h2>
      <p className="draft-unreadable__reason" data-testid="draft-unreadable-reason">
        {reason}
      </p>
      {mayRestore ? (
        <RestoreLastGoodState draftId={draftId} />
      ) : (
        <p className="draft-unreadable__next">
          Nobody can open or change the text until the chair restores its last good state. Nothing you do on this page
          changes it.
        </p>
      )}
    </div>
  );
}

function RestoreLastGoodState({ draftId }: { draftId: string }) {
  const recovery = useApiQuery(draftId, () => getRecovery(draftId), 'The last good state could not be looked up.');
  const [state, setState] = useState<{ kind: 'idle' | 'restoring' | 'restored' } | { kind: 'failed'; message: string }>(
    {
      kind: 'idle',
    },
  );
  if (recovery.state.kind === 'loading') {
    return <p className="draft-unreadable__next">Looking for the last good state…</p>;
  }
  if (recovery.state.kind === 'error') return <p className="draft-unreadable__next">{recovery.state.message}</p>;
  const { plan } = recovery.state.data;
  if (plan === null) {
    return (
      <p className="draft-unreadable__next" data-testid="draft-recovery-none">
        No readable state of this draft is stored, neither in its log nor in a named version.
      </p>
    );
  }
  const description = describeRecovery(plan);
  const restore = async (): Promise<void> => {
    if (!window.confirm(`${description}\n\nEveryone with the draft open is sent back to load it.`)) return;
    setState({ kind: 'restoring' });
    try {
      await recoverDraft(draftId);
      setState({ kind: 'restored' });
    } catch (error) {
      setState({
        kind: 'failed',
        message: error instanceof ApiError ? error.message : 'The text could not be restored.',
      });
    }
  };
  return (
    <div className="draft-unreadable__recovery">
      <p className="draft-unreadable__next" data-testid="draft-recovery-plan">
        {description}
      </p>
      <button
        type="button"
        className="button button--primary"
        data-testid="draft-recovery-restore"
        disabled={state.kind === 'restoring' || state.kind === 'restored'}
        onClick={() => void restore()}
      >
        {state.kind === 'restoring' ? 'Restoring…' : 'Restore the last good state'}
      </button>
      {state.kind === 'restored' && <p role="status">Restored. Opening the text…</p>}
      {state.kind === 'failed' && <p role="alert">{state.message}</p>}
    </div>
  );
}
