import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';

/** Eight preambular paragraphs, in the customary wording of recitals. */
export const RECITALS = [
  'Recalling its resolution on the protection of essential services,',
  'Deeply concerned by operations that disrupt hospitals and water supplies,',
  'Bearing in mind the Charter of the United Nations,',
  'Noting the work of regional organizations,',
  'Mindful of the need for restraint,',
  'Convinced that cooperation strengthens resilience,',
  'Emphasizing the role of civil society,',
  'Welcoming the report of the Secretary-General,',
];

/** Twelve operative paragraphs; the fourth has two lettered sub-paragraphs. */
export const OPERATIVE = [
  'Decides to establish a review mechanism;',
  'Calls upon States to protect essential services;',
  'Requests the Secretary-General to report annually;',
  'Encourages States to take into account:',
  'Urges States to share information on incidents;',
  'Invites regional bodies to contribute;',
  'Affirms that responses must be proportionate;',
  'Recommends the exchange of good practices;',
  'Stresses the importance of attribution on evidence;',
  'Appeals to all parties to exercise restraint;',
  'Requests further consultations;',
  'Decides to remain seized of the matter.',
];
export const SUBPARAGRAPHS = ['the criticality of the affected services;', 'the risk of cascading effects;'];

/**
 * A .docx written by the `docx` library with a title and 20 numbered paragraphs (8 preambular,
 * 12 operative, one with lettered sub-paragraphs): numbered by Word's automatic list numbering
 * (`'word'`, so the numbers are not in the text) or typed as "1." and "(a)" (`'text'`).
 */
export async function numberedDocx(numbering: 'word' | 'text'): Promise<Buffer> {
  const paragraphs: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Protecting essential services')] }),
  ];
  const numbered = (text: string, index: number) =>
    numbering === 'word'
      ? new Paragraph({ numbering: { reference: 'paras', level: 0 }, children: [new TextRun(text)] })
      : new Paragraph({ children: [new TextRun(`${index + 1}.\t${text}`)] });
  const lettered = (text: string, index: number) =>
    numbering === 'word'
      ? new Paragraph({ numbering: { reference: 'paras', level: 1 }, children: [new TextRun(text)] })
      : new Paragraph({ children: [new TextRun(`(${String.fromCharCode(97 + index)})\t${text}`)] });
  [...RECITALS, ...OPERATIVE].forEach((text, index) => {
    paragraphs.push(numbered(text, index));
    if (text.endsWith('into account:')) SUBPARAGRAPHS.forEach((sub, i) => paragraphs.push(lettered(sub, i)));
  });
  const document = new Document({
    numbering: {
      config: [
        {
          reference: 'paras',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(document);
}
