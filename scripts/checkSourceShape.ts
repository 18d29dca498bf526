/**
 * `npm run lint` runs this after Prettier: no line of source over {@link MAX_LINE} characters, and
 * no source file over {@link MAX_FILE_LINES} lines (tests and fixtures aside). Prettier wraps code
 * at 120 but leaves long strings and comments alone; a 300-character line is not read, it is
 * scrolled. A file past 500 lines has usually grown a second concern: cut it by the data each
 * part owns.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX_LINE = 160;
const MAX_FILE_LINES = 500;
/** Tighter caps: the collab core's hub stays small enough to follow, its stages in files of their own. */
const FILE_CAPS: Record<string, number> = { 'server/collab/SharedDocument.ts': 400 };
/** Tests, and fixtures that are data rather than code (the Akoma Ntoso schema is not ours). */
const NOT_SOURCE = /\.test\.tsx?$|(^|\/)testing\/fixtures|\.xsd$/;
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
  const lines = text.split('\n');
  const cap = FILE_CAPS[file] ?? MAX_FILE_LINES;
  if (!NOT_SOURCE.test(file) && file !== 'package.json' && lines.length > cap + 1) {
    problems.push(`${file}: ${lines.length - 1} lines (at most ${cap}; cut it by concern)`);
  }
  lines.forEach((line, index) => {
    if (line.length > MAX_LINE) problems.push(`${file}:${index + 1}: ${line.length} characters (at most ${MAX_LINE})`);
  });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
