/** A card to place in the margin: where its anchor is (px from the top of the stack) and how tall it is. */
export interface PlacedCard {
  id: string;
  /** Desired top: level with its words; `Infinity` for a card with nothing in the text to align with. */
  anchorTop: number;
  height: number;
}

/** Space between two cards. */
export const CARD_GAP = 10;

/**
 * Places cards beside their words without overlap, as a margin of comments should: each as close
 * to level with its anchor as the others allow. The active card (if any) sits exactly level with
 * its anchor; the cards above it move up and those below it move down to make room, and nothing
 * goes above the top of the stack. Cards with nothing to align with go after the others.
 * Returns each card's top; the cards are taken in the order given for equal anchors.
 */
export function placeCards(cards: readonly PlacedCard[], activeId: string | null): Map<string, number> {
  const sorted = cards
    .map((card, index) => ({ card, index }))
    .sort((a, b) => a.card.anchorTop - b.card.anchorTop || a.index - b.index);
  const tops: number[] = [];
  // Top down, each below the previous one.
  let bottom = 0;
  for (const { card } of sorted) {
    const want = Number.isFinite(card.anchorTop) ? Math.max(0, card.anchorTop) : bottom;
    const top = Math.max(want, bottom);
    tops.push(top);
    bottom = top + card.height + CARD_GAP;
  }
  const active = sorted.findIndex(({ card }) => card.id === activeId);
  if (active >= 0 && Number.isFinite(sorted[active]!.card.anchorTop)) {
    // The active card level with its words, the ones above pushed up as far as the top allows.
    tops[active] = Math.max(0, sorted[active]!.card.anchorTop);
    for (let index = active - 1; index >= 0; index--) {
      const limit = tops[index + 1]! - CARD_GAP - sorted[index]!.card.height;
      tops[index] = Math.min(tops[index]!, limit);
    }
    // If the top was reached, everything moves down again from there; then the cards below follow.
    let floor = 0;
    for (let index = 0; index < sorted.length; index++) {
      tops[index] =
        index > active
          ? Math.max(Math.min(tops[index]!, Math.max(sorted[index]!.card.anchorTop, 0)), floor)
          : Math.max(tops[index]!, floor);
      floor = tops[index]! + sorted[index]!.card.height + CARD_GAP;
    }
  }
  return new Map(sorted.map(({ card }, index) => [card.id, tops[index]!]));
}
