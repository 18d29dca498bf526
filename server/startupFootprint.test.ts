import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { SERVER_BUILD_OPTIONS } from '../scripts/buildServer';

/**
 * Libraries only the downloads and the Word import need. Loaded with the server they would be most
 * of its heap, which every full garbage collection walks while everyone's typing waits.
 */
const LOADED_ON_FIRST_USE = ['pdfkit', 'docx', 'mammoth', 'xmlbuilder2'];

/** Every package the compiled server loads when it starts: what `server/main.ts` imports statically, transitively. */
async function packagesLoadedAtStart(): Promise<Set<string>> {
  // The build `npm start` runs, not written: only its map of which module imports which.
  const result = await build({ ...SERVER_BUILD_OPTIONS, write: false, metafile: true, logLevel: 'silent' });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint?.endsWith('server/main.ts'));
  if (!entry) throw new Error('esbuild did not report the server entry');
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of outputs[name]!.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  visit(entry);
  return packages;
}

describe('what the server loads when it starts', () => {
  it('leaves the export and Word import libraries until they are first used', async () => {
    const packages = await packagesLoadedAtStart();
    // The walk itself works: the collaboration path's own libraries are there.
    expect(packages).toContain('yjs');
    expect(packages).toContain('better-sqlite3');
    const heavy = [...packages].filter((name) =>
      LOADED_ON_FIRST_USE.some((lib) => name === lib || name.startsWith(`${lib}/`)),
    );
    expect(heavy).toEqual([]);
  });
});
