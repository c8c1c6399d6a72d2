import type { PDFFont } from 'pdf-lib';

/** Words into lines no wider than `width` points. */
export function wrap(text: string, face: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && face.widthOfTextAtSize(pdfText(next), size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Standard PDF fonts carry WinAnsi only: other characters become "?" rather than failing. */
export function pdfText(text: string): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff€…–—‘’“”]/g, '?');
}
