import fs from 'node:fs';
import path from 'node:path';

/** The nearest directory at or above `from` that holds a `package.json`. */
function nearestPackageDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Accord cannot find its package.json above ${from}.`);
  }
}

/**
 * The directory of Accord's `package.json`, the root of the checkout the server runs from. The
 * server runs from its TypeScript sources (`server/…`, in tests and `npm run dev`) or from the
 * compiled bundle (`dist/server/…`, `npm start`), whose modules sit at another depth: files it
 * reads at run time (the built client, `package.json`) are found from here, never from the
 * running module's own path. Neither `server/` nor `dist/` holds a `package.json` of its own.
 */
export const APP_ROOT = nearestPackageDir(import.meta.dirname);
