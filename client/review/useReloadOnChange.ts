import { useEffect, useRef } from 'react';

/**
 * Calls `reload` whenever `revision` changes after the first render (the first read is the
 * query's own): how a server-made view (the compilation, the consolidation plan) follows the
 * amendments as they change live, keeping its last answer on screen meanwhile.
 */
export function useReloadOnChange(revision: string, reload: () => void): void {
  const shown = useRef(revision);
  useEffect(() => {
    if (shown.current === revision) return;
    shown.current = revision;
    reload();
  }, [revision, reload]);
}
