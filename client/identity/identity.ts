/**
 * Who is at this browser, until sign-in arrives: a display name the person chose once and the
 * caret colour derived from it. Kept in localStorage so it survives reloads and is the same in
 * every tab.
 */

/** The name and colour others see on this person's caret. */
export interface Identity {
  name: string;
  /** `#rrggbb`: CollaborationCaret refuses any other colour form. */
  color: string;
}

/** Longest display name; a caret label has to stay a label. */
export const MAX_DISPLAY_NAME_LENGTH = 40;

/**
 * Caret colours: saturated enough to tell apart at a glance in a caret one pixel wide, dark enough
 * that white label text passes WCAG AA on every one of them.
 */
export const CARET_PALETTE: readonly string[] = [
  '#b42318', // red
  '#175cd3', // blue
  '#027a48', // green
  '#6927da', // violet
  '#b54708', // amber
  '#0e7090', // teal
  '#c11574', // magenta
  '#3538cd', // indigo
  '#4d7c0f', // olive
  '#854a0e', // brown
];

const STORAGE_KEY = 'accord.identity';

/**
 * A colour for `name`, the same on every device and in every session (FNV-1a hash into the
 * palette), so a colleague is recognisable by colour from one meeting to the next.
 */
export function colorForName(name: string): string {
  let hash = 0x811c9dc5;
  for (const char of name.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return CARET_PALETTE[(hash >>> 0) % CARET_PALETTE.length] ?? '#175cd3';
}

/** Collapses whitespace and trims; returns null when nothing usable is left. */
export function normaliseDisplayName(raw: string): string | null {
  const name = raw.replace(/\s+/g, ' ').trim().slice(0, MAX_DISPLAY_NAME_LENGTH);
  return name === '' ? null : name;
}

/** The name chosen in this page, for when storage is disabled (private mode, policy). */
let nameInMemory: string | null = null;

/** The raw stored name (not yet normalised), or null. */
export function readStoredName(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? nameInMemory;
  } catch {
    return nameInMemory;
  }
}

/** The identity of the person at this browser, or null if they have not chosen a name yet. */
export function loadIdentity(): Identity | null {
  const name = normaliseDisplayName(readStoredName() ?? '');
  return name === null ? null : { name, color: colorForName(name) };
}

/** Stores the chosen name; the colour is always derived, never stored, so it cannot drift. */
export function saveIdentity(name: string): void {
  nameInMemory = name;
  try {
    window.localStorage.setItem(STORAGE_KEY, name);
  } catch {
    // Storage is disabled: the name applies to this page only, and they are asked again next visit.
  }
  window.dispatchEvent(new CustomEvent(IDENTITY_CHANGED_EVENT, { detail: name }));
}

/** Fired on `window` when this page changes the identity (the `storage` event covers other tabs). */
export const IDENTITY_CHANGED_EVENT = 'accord:identity-changed';

/** The storage key, for listeners of the cross-tab `storage` event. */
export const IDENTITY_STORAGE_KEY = STORAGE_KEY;
