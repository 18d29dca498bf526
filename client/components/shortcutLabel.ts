/** Whether this is an Apple keyboard, where Tiptap's `Mod` is ⌘ and Alt is ⌥. */
const apple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** A Tiptap key binding (`Mod-Alt-1`) as people read it on their keyboard: `Ctrl+Alt+1` or `⌘⌥1`. */
export function shortcutLabel(binding: string): string {
  const parts = binding.split('-').map((part) => {
    if (part === 'Mod') return apple ? '⌘' : 'Ctrl';
    if (part === 'Alt') return apple ? '⌥' : 'Alt';
    if (part === 'Shift') return apple ? '⇧' : 'Shift';
    if (part === 'ArrowUp') return '↑';
    if (part === 'ArrowDown') return '↓';
    return part.length === 1 ? part.toUpperCase() : part;
  });
  return parts.join(apple ? '' : '+');
}
