import { describe, expect, it } from 'vitest';
import { linkifyText } from './linkifyText';

describe('linkifyText', () => {
  it('turns http and https URLs into links and leaves everything else as text', () => {
    expect(linkifyText('See https://example.org/report?p=4#x and http://a.example.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/report?p=4#x', href: 'https://example.org/report?p=4#x' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://a.example', href: 'http://a.example/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps brackets that belong to the URL and drops those that close the sentence', () => {
    expect(linkifyText('(see https://en.wikipedia.org/wiki/Tallinn_(city))')).toEqual([
      { kind: 'text', text: '(see ' },
      {
        kind: 'link',
        text: 'https://en.wikipedia.org/wiki/Tallinn_(city)',
        href: 'https://en.wikipedia.org/wiki/Tallinn_(city)',
      },
      { kind: 'text', text: ')' },
    ]);
  });

  it('never links other schemes and never treats markup as anything but text', () => {
    const body =
      'javascript:alert(1) data:text/html,<b>x</b> <img src=x onerror="alert(2)"> <a href="https://evil.example">y</a>';
    const segments = linkifyText(body);
    expect(segments.filter((segment) => segment.kind === 'link').map((segment) => segment.text)).toEqual([
      'https://evil.example',
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe(body);
  });

  it('keeps line breaks and text without links as one piece', () => {
    expect(linkifyText('Line one\nline two')).toEqual([{ kind: 'text', text: 'Line one\nline two' }]);
    expect(linkifyText('')).toEqual([]);
  });
});
