import type { Collaborator } from '../collab/usePresence';

const MAX_SHOWN = 4;

function initialsOf(name: string): string {
  const words = name.replace(/\(.*?\)/g, ' ').trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? name];
  return letters.map((word) => [...(word ?? '')][0] ?? '').join('').toUpperCase();
}

/** The faces of the others in this draft: who will see what you type. */
export function PresenceList({ people }: { people: Collaborator[] }) {
  if (people.length === 0) return null;
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.slice(MAX_SHOWN);
  const summary = `Also here: ${people.map((p) => p.name).join(', ')}`;
  return (
    <ul className="presence" aria-label={summary} title={summary} data-testid="presence">
      {shown.map((person) => (
        <li key={`${person.name}${person.color}`} className="presence__person" style={{ backgroundColor: person.color }}>
          <span aria-hidden="true">{initialsOf(person.name)}</span>
          <span className="visually-hidden">{person.name}</span>
        </li>
      ))}
      {hidden.length > 0 && <li className="presence__person presence__person--more">+{hidden.length}</li>}
    </ul>
  );
}
