import type { OutlineProblem } from '../../shared/outline';

/**
 * What is wrong with the text that the editor cannot put right by itself (a pillar key that
 * does not exist, a status that does not exist …), listed in words above the text. Nothing is
 * dropped to make a problem go away: the bad value stays in the text until a person changes it.
 */
export function OutlineProblems({ problems }: { problems: readonly OutlineProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="outline-problems" role="status" data-testid="outline-problems">
      <p className="outline-problems__title">
        {problems.length === 1
          ? 'One thing in this draft needs attention'
          : `${problems.length} things in this draft need attention`}
      </p>
      <ul className="outline-problems__list">
        {problems.map((problem, index) => (
          <li key={`${problem.code}-${problem.clauseId ?? ''}-${index}`} data-code={problem.code}>
            {problem.message}
          </li>
        ))}
      </ul>
      <p className="outline-problems__hint">
        Nothing has been removed. Fix a clause from its menu (click its number), or ask the secretariat if you are
        unsure.
      </p>
    </div>
  );
}
