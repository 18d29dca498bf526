import { describe, expect, it } from 'vitest';
import { csvDocument, csvField } from './csv';
import { parseCsv } from './testing/parseCsv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks so a spreadsheet reads every value back whole', () => {
    const values = ['plain', 'a, b', 'say "yes"', 'two\r\nlines', ''];
    const csv = csvDocument(['one', 'two', 'three', 'four', 'five'], [values]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([['one', 'two', 'three', 'four', 'five'], values]);
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvField(`${start}SUM(A1)`)).toMatch(/^"?'/);
    expect(parseCsv(csvDocument(['x'], [['=HYPERLINK("https://example.org","go")']]))[1]).toEqual([
      `'=HYPERLINK("https://example.org","go")`,
    ]);
    expect(csvField(null)).toBe('');
    // Read by a spreadsheet that splits on semicolons or tabs, the second part is no cell of its own.
    expect(csvField('note;=1+1')).toBe('"note;=1+1"');
    expect(csvField('note\t=1+1')).toBe('"note\t=1+1"');
  });
});
