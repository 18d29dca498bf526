/**
 * `npm run lint` runs this after Prettier: no line of source over {@link MAX_LINE} characters.
 * Prettier wraps code at 120 but leaves long strings and comments alone; a 300-character line is
 * not read, it is scrolled.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX_LINE = 160;
const SOURCE = /\.(ts|tsx|css|html|json)$/;
const EXEMPT = new Set(['package-lock.json']);

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => SOURCE.test(file) && !EXEMPT.has(file));

const problems: string[] = [];
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the working tree
  }
  text.split('\n').forEach((line, index) => {
    if (line.length > MAX_LINE) problems.push(`${file}:${index + 1}: ${line.length} characters (at most ${MAX_LINE})`);
  });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
