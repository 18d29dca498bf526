import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, hasControlCharacters, singleLine, withoutControlCharacters } from './safeText';

describe('safeText', () => {
  it('drops C0 and C1 controls, DEL, U+FFFE/U+FFFF and lone surrogates, and keeps tab, line breaks and whole emoji', () => {
    const text = 'a\u0000b\u0008c\u000bd\u001fe\u007ff\u0085g\ufffeh\uffffi\ud800j\udc00k\t\r\n🇺🇳 é';
    expect(withoutControlCharacters(text)).toBe('abcdefghijk\t\r\n🇺🇳 é');
    expect(hasControlCharacters(text)).toBe(true);
    expect(hasControlCharacters(withoutControlCharacters(text))).toBe(false);
  });

  it('puts text on one line', () => {
    expect(singleLine('Rev.2\n}} body{\r\n  x\u0000')).toBe('Rev.2 }} body{ x');
  });

  it('escapes HTML so no tag, attribute or entity can be made of the text', () => {
    expect(escapeHtml(`</style><b title="x" onclick='y'>&amp;\u0000`)).toBe(
      '&lt;/style&gt;&lt;b title=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;',
    );
  });

  it('escapes Markdown so no line starts a block and nothing inline is formatting', () => {
    expect(escapeMarkdown('# not a heading\n- not a list\n\n1. not a list\n===\n> no quote')).toBe(
      '\\# not a heading\n\\- not a list\n1\\. not a list\n\\===\n\\> no quote',
    );
    expect(escapeMarkdown('*a* _b_ `c` [d](http://x) <e> &amp; ~~f~~ |g| !h')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](http://x) \\<e\\> \\&amp; \\~\\~f\\~\\~ \\|g\\| \\!h',
    );
  });
});
