import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`: for "3 minutes ago" and time-limited actions. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
