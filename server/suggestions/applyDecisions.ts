import * as Y from 'yjs';
import type { SuggestionStatus } from '../../shared/suggestions';
import type { OpenSuggestion } from './readSuggestions';
import { runsOfSuggestion } from './readSuggestions';
import { charactersUnder, closestElement } from '../text/yjsTree';

/** What a decision can be: every status but open. */
export type Decision = Exclude<SuggestionStatus, 'open'>;

/**
 * Applies `decision` to each suggestion in `doc` (the server's newest text, inside one server
 * change) and returns those it found there, with their words as they stood at that moment:
 *
 * - `accepted` keeps inserted words (taking the mark off) or removes words proposed for deletion,
 *   leaving any that another delegation's insertion still proposes (their mark comes off instead);
 * - `rejected` and `withdrawn` do the reverse.
 *
 * A mark is taken off by its own formatting key, so one delegation's deletion comes off words
 * others also propose to strike without touching theirs. A suggestion no longer in the text (decided
 * by a request that won the race, or typed away by its author) is left out: checking and changing
 * happen in the same synchronous step, so two decisions on one suggestion cannot both apply. Each
 * suggestion's runs are read afresh after the previous one changed the text, so overlapping
 * suggestions decided together never act on stale offsets.
 *
 * A clause left without a word goes with them: a proposed new paragraph rejected or withdrawn, or
 * a proposal to delete a whole paragraph accepted, takes the paragraph out, not just its words.
 */
export function applyDecisions(
  doc: Y.Doc,
  suggestions: readonly OpenSuggestion[],
  decision: Decision,
): OpenSuggestion[] {
  const applied: OpenSuggestion[] = [];
  for (const suggestion of suggestions) {
    const runs = runsOfSuggestion(doc, suggestion.kind, suggestion.id);
    if (runs.length === 0) continue;
    // Runs come last first, so deleting one leaves the offsets of those still to do as they were.
    applied.push({
      ...suggestion,
      text: runs
        .map((run) => run.words)
        .reverse()
        .join(''),
    });
    const keepWords = (suggestion.kind === 'insert') === (decision === 'accepted');
    const emptied = new Set<Y.XmlElement>();
    for (const run of runs) {
      if (keepWords || (suggestion.kind === 'delete' && run.otherInsertion)) {
        run.text.format(run.offset, run.length, { [run.key]: null });
        continue;
      }
      run.text.delete(run.offset, run.length);
      const clause = closestElement(run.text, 'clause');
      if (clause !== undefined) emptied.add(clause);
    }
    for (const clause of emptied) {
      const parent = clause.parent;
      const isSection = parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment;
      // A section keeps its last clause (the schema wants one), emptied or not.
      if (charactersUnder(clause) > 0 || !isSection || parent.length < 2) continue;
      const index = parent.toArray().indexOf(clause);
      if (index >= 0) parent.delete(index, 1);
    }
  }
  return applied;
}
