import { useState } from 'react';
import { useIdentity } from '../identity/useIdentity';
import { DisplayNameDialog } from './DisplayNameDialog';

/**
 * The person's name chip in the header, which opens the name dialog. With `required`, the dialog
 * opens by itself until a name is chosen: a draft page needs a name for the caret others see.
 */
export function IdentityControl({ required = false }: { required?: boolean }) {
  const [identity, setName] = useIdentity();
  const [editing, setEditing] = useState(false);
  const mustChoose = required && identity === null;

  return (
    <>
      <button
        type="button"
        className="identity-chip"
        onClick={() => setEditing(true)}
        title="Change the name others see next to your cursor"
      >
        <span
          className="identity-chip__swatch"
          style={{ backgroundColor: identity?.color ?? 'transparent' }}
          aria-hidden="true"
        />
        {identity?.name ?? 'Set your name'}
      </button>
      <DisplayNameDialog
        open={editing || mustChoose}
        initialName={identity?.name ?? ''}
        dismissable={!mustChoose}
        onSubmit={(name) => {
          setName(name);
          setEditing(false);
        }}
        onDismiss={() => setEditing(false)}
      />
    </>
  );
}
