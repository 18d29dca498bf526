/** The opening words of a clause for lists: its first line, cut at a word boundary near `max` characters. */
export function firstWords(text: string, max = 90): string {
  const line = (text.split('\n', 1)[0] ?? '').replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
