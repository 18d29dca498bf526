import { can, type Role } from '../../shared/roles';

/**
 * What a person may change in the live text, read from the one policy table (`shared/roles.ts`)
 * so the editor refuses, before anything is sent, exactly what the server would refuse.
 */
export interface TextPermissions {
  /** Type in open clauses, add and remove them, tag pillars: `draft:edit-text`. */
  editText: boolean;
  /** Change the words, marks or structure of an agreed (or agreed ad ref) clause, delete or move it. */
  editAgreed: boolean;
  /** Agree a clause or reopen it. */
  setStatus: boolean;
  /** Change the title node. */
  rename: boolean;
  /** Write, change, add or remove the opening formula ("The General Assembly,"). */
  editFormula: boolean;
}

/** The text permissions of a role on the draft; an unknown role (null) may change nothing. */
export function textPermissionsOf(role: Role | null): TextPermissions {
  const held = role ?? undefined;
  return {
    editText: can(held, 'draft:edit-text'),
    editAgreed: can(held, 'clause:edit-agreed'),
    setStatus: can(held, 'clause:set-status'),
    rename: can(held, 'draft:rename'),
    editFormula: can(held, 'draft:edit-formula'),
  };
}
