import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from './ApiError';

/** A read from the API as a page shows it. */
export type QueryState<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: T };

/** What {@link useApiQuery} gives its caller: the answer so far, and a way to ask again. */
export interface ApiQuery<T> {
  state: QueryState<T>;
  /** Asks again, keeping the current answer on screen until the new one arrives. */
  reload: () => void;
}

/**
 * Reads something from the API for as long as the caller is mounted, again whenever `key`
 * changes or {@link ApiQuery.reload} is called. `load` is read at request time, so it need not
 * be stable; `key` says when the request changes. A reload keeps the last answer on screen.
 */
export function useApiQuery<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  fallbackMessage: string,
): ApiQuery<T> {
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ key: string; state: QueryState<T> } | null>(null);
  const request = `${key}#${attempt}`;
  const start = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    const controller = new AbortController();
    const answeredKey = request.slice(0, request.lastIndexOf('#'));
    start(controller.signal)
      .then((data) => setAnswer({ key: answeredKey, state: { kind: 'ready', data } }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({
          key: answeredKey,
          state: { kind: 'error', message: caught instanceof ApiError ? caught.message : fallbackMessage },
        });
      });
    return () => controller.abort();
  }, [request, fallbackMessage]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state: answer?.key === key ? answer.state : { kind: 'loading' }, reload };
}
