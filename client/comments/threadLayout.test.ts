import { describe, expect, it } from 'vitest';
import { CARD_GAP, placeCards } from './threadLayout';

describe('placeCards', () => {
  it('puts each card level with its words when there is room', () => {
    const tops = placeCards(
      [
        { id: 'a', anchorTop: 100, height: 50 },
        { id: 'b', anchorTop: 400, height: 50 },
      ],
      null,
    );
    expect([...tops]).toEqual([
      ['a', 100],
      ['b', 400],
    ]);
  });

  it('stacks cards whose words are close without overlap, in the order of their words', () => {
    const tops = placeCards(
      [
        { id: 'b', anchorTop: 120, height: 80 },
        { id: 'a', anchorTop: 100, height: 80 },
      ],
      null,
    );
    expect(tops.get('a')).toBe(100);
    expect(tops.get('b')).toBe(100 + 80 + CARD_GAP);
  });

  it('keeps the active card level with its words and moves the ones above it up, never above the top', () => {
    const cards = [
      { id: 'a', anchorTop: 100, height: 80 },
      { id: 'b', anchorTop: 120, height: 80 },
      { id: 'c', anchorTop: 130, height: 80 },
    ];
    const tops = placeCards(cards, 'b');
    expect(tops.get('b')).toBe(120);
    expect(tops.get('a')).toBe(120 - CARD_GAP - 80);
    expect(tops.get('c')).toBe(120 + 80 + CARD_GAP);

    // No room above: the card above stops at the top and the active one sits just below it.
    const crowded = placeCards(
      [
        { id: 'x', anchorTop: 50, height: 80 },
        { id: 'b', anchorTop: 60, height: 80 },
      ],
      'b',
    );
    expect(crowded.get('x')).toBe(0);
    expect(crowded.get('b')).toBe(80 + CARD_GAP);
  });

  it('puts cards with nothing to align with after the others', () => {
    const tops = placeCards(
      [
        { id: 'gone', anchorTop: Number.POSITIVE_INFINITY, height: 40 },
        { id: 'a', anchorTop: 300, height: 50 },
      ],
      null,
    );
    expect(tops.get('gone')).toBe(300 + 50 + CARD_GAP);
  });
});
