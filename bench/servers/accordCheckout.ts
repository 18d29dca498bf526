import { execFile, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A checkout of Accord to benchmark, and how to throw it away. */
export interface AccordCheckout {
  root: string;
  /** What was checked out, for the report: `working tree` or `<ref> <short commit>`. */
  label: string;
  remove(): Promise<void>;
}

/**
 * The working tree itself: what `npm run bench` measures unless told otherwise. Its label names
 * the commit it is on and whether server/ or shared/ differ from it, so figures can be traced.
 */
export async function workingTree(root: string): Promise<AccordCheckout> {
  let label = 'working tree';
  try {
    const head = (await execFileAsync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })).stdout.trim();
    const changed = (
      await execFileAsync('git', ['--no-optional-locks', 'status', '--porcelain', '--', 'server', 'shared'], {
        cwd: root,
      })
    ).stdout.trim();
    label = `working tree (${head}${changed ? ' with uncommitted changes to server/ or shared/' : ''})`;
  } catch {
    // Not a git checkout: the plain label will do.
  }
  return { root, label, remove: async () => undefined };
}

/**
 * A read-only snapshot of commit `ref` (`git archive`, so the repository is not changed), in a
 * temporary directory that borrows this tree's node_modules. Lets a run compare a given commit
 * with the reference while the working tree is mid-change. The snapshot's dependencies are the
 * working tree's, so a commit that needs packages no longer installed will not start.
 */
export async function snapshotOf(repoRoot: string, ref: string): Promise<AccordCheckout> {
  const { stdout } = await execFileAsync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: repoRoot });
  const commit = stdout.trim();
  const root = await mkdtemp(path.join(tmpdir(), `accord-${commit}-`));
  // Also on an interrupted run (SIGINT ends the process without running `finally` blocks).
  const removeOnExit = (): void => rmSync(root, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const remove = async (): Promise<void> => {
    process.off('exit', removeOnExit);
    await rm(root, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const archive = spawn('git', ['archive', '--format=tar', commit], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const untar = spawn('tar', ['-x', '-C', root], { stdio: ['pipe', 'inherit', 'inherit'] });
      archive.stdout.pipe(untar.stdin);
      archive.once('error', reject);
      untar.once('error', reject);
      untar.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`extracting ${ref} failed (tar exited ${code})`)),
      );
    });
    await symlink(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  } catch (error) {
    await remove();
    throw error;
  }
  return { root, label: `${ref} ${commit}`, remove };
}

/**
 * Compiles the checkout's server with its own build script, as its `npm run build` would, so that
 * it is measured as `npm start` runs it (plain Node on `dist/server/`). Answers false for a commit
 * from before the server was compiled (it has no such script): that one runs from its sources
 * under tsx, as its `npm start` did.
 */
export async function compileServer(checkout: AccordCheckout): Promise<boolean> {
  if (!existsSync(path.join(checkout.root, 'scripts/buildServer.ts'))) return false;
  await execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/buildServer.ts'], { cwd: checkout.root });
  return true;
}
