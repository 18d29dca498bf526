/**
 * The text a benchmark writer inserts for one keystroke: `[writer:seq]`. Putting the writer and
 * the sequence number in the text itself lets every reader tell, from the document alone, which
 * writer transaction it has just received. A real keystroke is one character; a token is 5–9,
 * which keeps each update the same kind of tiny single-insert update a person typing produces.
 */
export function keystrokeToken(writer: number, seq: number): string {
  return `[${writer}:${seq}]`;
}

const TOKEN = /\[(\d+):(\d+)\]/g;

/**
 * Calls `found` for every keystroke token in `text`. Tokens from one writer that arrive in one
 * update come out of Yjs as one inserted string, so one string can hold several tokens. Writers
 * only ever append, so a token is never split by another insertion before a reader sees it.
 */
export function forEachKeystrokeToken(text: string, found: (writer: number, seq: number) => void): void {
  for (const match of text.matchAll(TOKEN)) {
    found(Number(match[1]), Number(match[2]));
  }
}
