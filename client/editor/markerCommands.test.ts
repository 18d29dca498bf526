import { TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { readMarkers } from '../../shared/negotiationMarkers';
import { plainText } from '../../shared/outline';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { stateFromSpec, textblockStarting } from '../testing/editorStates';
import {
  addAlternative,
  bracketSelection,
  markerProblem,
  proposeAlternative,
  selectWholeClause,
} from './markerCommands';

const valdoria = { userId: 'u_val', affiliationId: 'a_val' };
const norland = { userId: 'u_nor', affiliationId: 'a_nor' };

function selecting(words: string) {
  const state = stateFromSpec({
    title: 'T',
    preamble: [],
    operative: ['States should act promptly.', { text: 'States shall agree.', status: 'agreed' }],
  });
  const paragraph = textblockStarting(state.doc, words.startsWith('shall') ? 'States shall' : 'States should');
  const text = state.doc.nodeAt(paragraph)!.textContent;
  const from = paragraph + 1 + text.indexOf(words);
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, from + words.length)));
}

const firstClause = (state: ReturnType<typeof selecting>) =>
  plainText((state.doc.toJSON() as DocumentNodeJSON).content![2]!.content![0]!);

describe('placing brackets and alternatives', () => {
  it('brackets the selected words in the delegation’s name', () => {
    const state = selecting('promptly');
    const next = state.apply(bracketSelection(state, valdoria));
    expect(firstClause(next)).toBe('States should act [promptly].');
    const { brackets } = readMarkers(next.doc.toJSON() as DocumentNodeJSON);
    expect(brackets).toMatchObject([{ text: 'promptly', delegation: 'a_val', author: 'u_val', closed: true }]);
    expect(brackets[0]!.id).toMatch(/^u_val:/);
  });

  it('makes the selection Alt 1 and the new wording Alt 2; another delegation adds Alt 3', () => {
    const state = selecting('should');
    let next = state.apply(proposeAlternative(state, valdoria, 'shall'));
    expect(firstClause(next)).toBe('States [Alt 1: should / Alt 2: shall] act promptly.');
    const setId = readMarkers(next.doc.toJSON() as DocumentNodeJSON).alternatives[0]!.id;
    next = next.apply(addAlternative(next, norland, setId, 'must')!);
    expect(firstClause(next)).toBe('States [Alt 1: should / Alt 2: shall / Alt 3: must] act promptly.');
    const options = readMarkers(next.doc.toJSON() as DocumentNodeJSON).alternatives[0]!.options;
    expect(options.map((option) => [option.text, option.author])).toEqual([
      ['should', 'u_val'],
      ['shall', 'u_val'],
      ['must', 'u_nor'],
    ]);
  });

  it('says why it cannot: no words selected, or agreed text for a delegate', () => {
    const state = selecting('promptly');
    expect(
      markerProblem(state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.selection.from))), false),
    ).toBe('Select the words first.');
    expect(markerProblem(selecting('shall agree'), false)).toMatch(/^Agreed text cannot be bracketed/);
    expect(markerProblem(selecting('shall agree'), true)).toBeNull();
  });

  it('brackets a whole clause, its points included, from its first word to its last', () => {
    const base = stateFromSpec({
      title: 'T',
      preamble: [],
      operative: [{ text: 'States should:', points: ['warn;', 'cooperate.'] }],
    });
    const inside = base.apply(
      base.tr.setSelection(TextSelection.create(base.doc, textblockStarting(base.doc, 'warn') + 2)),
    );
    const whole = inside.apply(selectWholeClause(inside)!);
    expect(markerProblem(whole, false)).toBeNull();
    expect(markerProblem(whole, false, true)).toBe('Select words within one paragraph.');
    const next = whole.apply(bracketSelection(whole, valdoria));
    const { brackets } = readMarkers(next.doc.toJSON() as DocumentNodeJSON);
    expect(brackets).toMatchObject([{ text: 'States should:\nwarn;\ncooperate.', closed: true }]);
  });
});
