import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const schemaDir = path.join(import.meta.dirname, '../exports/akn');

/** Validates an Akoma Ntoso document against the OASIS schema with xmllint; returns the errors (none when valid). */
export async function validateAkn(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [
      { fileName: 'akomantoso30.xsd', contents: fs.readFileSync(path.join(schemaDir, 'akomantoso30.xsd'), 'utf8') },
    ],
    preload: [{ fileName: 'xml.xsd', contents: fs.readFileSync(path.join(schemaDir, 'xml.xsd'), 'utf8') }],
  });
  return result.errors.map((error) => error.rawMessage);
}
