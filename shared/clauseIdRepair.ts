/**
 * Deciding clause ids when the text holds a clause without one (just created) or two clauses
 * with the same one (a split, or two people moving the same clause at once).
 *
 * The first clause in document order keeps an id; each later duplicate gets an id derived from
 * the id and its occurrence, so every client that repairs the same text writes the same ids and
 * the repairs converge instead of fighting. Clauses without an id get a fresh random one.
 */
export function planClauseIdRepairs(
  ids: readonly (string | null | undefined)[],
  freshId: () => string,
): Map<number, string> {
  const repairs = new Map<number, string>();
  const taken = new Set(ids.filter((id): id is string => typeof id === 'string' && id.length > 0));
  const seen = new Map<string, number>();
  ids.forEach((id, index) => {
    if (!id) {
      let fresh = freshId();
      while (taken.has(fresh)) fresh = freshId();
      taken.add(fresh);
      repairs.set(index, fresh);
      return;
    }
    const occurrence = seen.get(id) ?? 0;
    seen.set(id, occurrence + 1);
    if (occurrence === 0) return;
    let salt = 0;
    let derived = derivedClauseId(id, occurrence, salt);
    while (taken.has(derived)) derived = derivedClauseId(id, occurrence, ++salt);
    taken.add(derived);
    repairs.set(index, derived);
  });
  return repairs;
}

/** A deterministic id for the `occurrence`-th duplicate of `id` (cyrb53 hash, base 36). */
export function derivedClauseId(id: string, occurrence: number, salt = 0): string {
  const input = `${id}#${occurrence}#${salt}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `c_${hash.toString(36).padStart(11, '0').slice(0, 12)}`;
}
