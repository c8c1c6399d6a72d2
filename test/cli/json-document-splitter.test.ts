import { describe, expect, it } from 'vitest';
import { JsonDocumentSplitter, type RawDocument } from '../../src/cli/json-document-splitter.js';

/** Feeds `text` in chunks of `size` characters and returns what the splitter emits. */
function split(text: string, size = 3): RawDocument[] {
  const splitter = new JsonDocumentSplitter();
  const documents: RawDocument[] = [];
  const emit = (document: RawDocument) => documents.push(document);
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size), emit);
  splitter.end(emit);
  return documents;
}

describe('JsonDocumentSplitter', () => {
  it('treats input whose first line parses alone as JSON Lines, skipping blank lines', () => {
    expect(split('{"a":1}\r\n\n{"b":2}\n{oops\n{"c":3}')).toEqual([
      { text: '{"a":1}', line: 1 },
      { text: '{"b":2}', line: 3 },
      { text: '{oops', line: 4 },
      { text: '{"c":3}', line: 5 },
    ]);
  });

  it('splits pretty-printed documents where their brackets balance, ignoring brackets in strings', () => {
    const text =
      '\n{\n  "name": "a } tricky \\" {",\n  "list": [1, 2]\n}\n[\n  {"x": "]"}\n]  {"y": 1}\n';
    const documents = split(text, 5);
    expect(documents.map((document) => document.line)).toEqual([2, 6, 8]);
    expect(documents.map((document) => JSON.parse(document.text) as unknown)).toEqual([
      { name: 'a } tricky " {', list: [1, 2] },
      [{ x: ']' }],
      { y: 1 },
    ]);
  });

  it('hands on stray text and an unfinished document so they are reported, not dropped', () => {
    expect(split('{\n "a": 1\n}\nnot json\n{\n "b": ')).toEqual([
      { text: '{\n "a": 1\n}', line: 1 },
      { text: 'not json', line: 4 },
      { text: '{\n "b": \n', line: 5 },
    ]);
  });
});
