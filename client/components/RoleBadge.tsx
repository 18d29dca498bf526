import { ROLE_LABELS, type Role } from '../../shared/roles';

const explanations: Record<Role, string> = {
  chair: 'You chair this draft: you edit the text, manage its members and invitations, and steer it through versions.',
  delegate: 'You are a delegate on this draft: you edit the text live, suggest changes and comment.',
  observer: 'You observe this draft: you read the text and every version, and comment while a comment period is open.',
};

/** The person's role on the open draft, in the header: what they may do here, at a glance. */
export function RoleBadge({ role }: { role: Role }) {
  return (
    <span
      className={`role-badge role-badge--${role}`}
      data-testid="header-role"
      data-role={role}
      title={explanations[role]}
    >
      <span className="visually-hidden">Your role: </span>
      {ROLE_LABELS[role]}
    </span>
  );
}
