/** Headings for the server's reasons to refuse an import; the server's own sentence says what to do. */
const TITLES: Readonly<Record<string, string>> = {
  invalid_docx: 'This Word file cannot be read',
  file_too_large: 'The file is too large to import',
  unsupported_file: 'This kind of file cannot be imported',
  empty_file: 'The file is empty',
  no_clauses: 'No numbered paragraphs were found',
  too_many_clauses: 'The file holds too many clauses for one draft',
  clause_too_long: 'A paragraph is too long to import',
  paragraph_too_long: 'A paragraph is too long to import',
  footnote_too_long: 'A footnote is too long to import',
  text_too_long: 'The text is too long for one draft',
  invalid_request: 'The draft could not be created as corrected',
  forbidden: 'Your account cannot create drafts',
};

/** The heading of an import error, by the server's stable id (`invalid_docx`, `no_clauses` …). */
export function importErrorTitle(code: string): string {
  return TITLES[code] ?? 'The file could not be imported';
}
