import { describe, expect, it } from 'vitest';
import { forEachKeystrokeToken, keystrokeToken } from './keystrokeToken';

function tokensIn(text: string): [number, number][] {
  const found: [number, number][] = [];
  forEachKeystrokeToken(text, (writer, seq) => found.push([writer, seq]));
  return found;
}

describe('keystroke tokens', () => {
  it('are read back from an insert holding several of them', () => {
    expect(tokensIn(keystrokeToken(3, 17) + keystrokeToken(3, 18) + keystrokeToken(12, 0))).toEqual([
      [3, 17],
      [3, 18],
      [12, 0],
    ]);
  });

  it('are not found in the clause text around them', () => {
    expect(tokensIn('Writer 0 types: ')).toEqual([]);
  });
});
