/**
 * Lets other work waiting on I/O through (other drafts' keystrokes). Called while the event loop
 * handles I/O, an immediate runs before it polls again; one queued from inside that runs after.
 */
export async function letOthersThrough(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}
