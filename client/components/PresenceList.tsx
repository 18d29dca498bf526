import { ROLE_LABELS } from '../../shared/roles';
import type { Collaborator } from '../collab/usePresence';

const MAX_SHOWN = 4;

function initialsOf(name: string): string {
  const words = name
    .replace(/\(.*?\)/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? name];
  return letters
    .map((word) => [...(word ?? '')][0] ?? '')
    .join('')
    .toUpperCase();
}

/** "Lena Varga (XVA, delegate)": who someone is and what they may do, as the server stamped it. */
export function describeCollaborator(person: Collaborator): string {
  const details = [
    person.affiliationCode ?? person.affiliation,
    person.role && ROLE_LABELS[person.role].toLowerCase(),
  ].filter(Boolean);
  return details.length > 0 ? `${person.name} (${details.join(', ')})` : person.name;
}

/** The faces of the others in this draft: who will see what you type, and for whom they speak. */
export function PresenceList({ people }: { people: Collaborator[] }) {
  if (people.length === 0) return null;
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.slice(MAX_SHOWN);
  const summary = `Also here: ${people.map(describeCollaborator).join(', ')}`;
  return (
    <ul className="presence" aria-label={summary} title={summary} data-testid="presence">
      {shown.map((person) => (
        <li
          key={person.userId ?? `${person.name}${person.color}`}
          className="presence__person"
          style={{ backgroundColor: person.color }}
          data-role={person.role ?? undefined}
        >
          <span aria-hidden="true">{initialsOf(person.name)}</span>
          <span className="visually-hidden">{describeCollaborator(person)}</span>
        </li>
      ))}
      {hidden.length > 0 && <li className="presence__person presence__person--more">+{hidden.length}</li>}
    </ul>
  );
}
