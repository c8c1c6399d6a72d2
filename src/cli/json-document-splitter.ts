/** One JSON document cut from an input stream, with the line it starts on (1-based). */
export interface RawDocument {
  readonly text: string;
  readonly line: number;
}

export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

/**
 * Cuts a character stream into JSON documents without holding more than one document (plus
 * one chunk) in memory. JSON Lines is the fast path: when the first non-empty line parses on
 * its own, every line is one document. Otherwise the input is read as one or more
 * pretty-printed documents, split where the brackets balance.
 */
export class JsonDocumentSplitter {
  #mode: 'unknown' | 'lines' | 'documents' = 'unknown';
  #carry = '';
  #line = 0;
  // Document-mode scanner state.
  #document = '';
  #documentLine = 0;
  #depth = 0;
  #inString = false;
  #escaped = false;

  /**
   * A splitter for input already known to be JSON Lines whose first line is input line
   * `firstLine` (a batch of `affnet quote`'s threads): every non-blank line is one document.
   */
  static jsonLines(firstLine: number): JsonDocumentSplitter {
    const splitter = new JsonDocumentSplitter();
    splitter.#mode = 'lines';
    splitter.#line = firstLine - 1;
    return splitter;
  }

  /** Feeds a chunk; calls `emit` for every complete document in it, in order. */
  push(chunk: string, emit: (document: RawDocument) => void): void {
    let text = this.#carry + chunk;
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      this.#handleLine(text.slice(start, end), emit);
      start = end + 1;
    }
    text = text.slice(start);
    if (text.length > MAX_DOCUMENT_CHARS) {
      throw new RangeError(
        `line ${this.#line + 1} is longer than ${MAX_DOCUMENT_CHARS} characters`,
      );
    }
    this.#carry = text;
  }

  /** Flushes the last line (input need not end with a newline) and any unfinished document. */
  end(emit: (document: RawDocument) => void): void {
    if (this.#carry !== '') this.#handleLine(this.#carry, emit);
    this.#carry = '';
    if (this.#mode === 'documents' && this.#depth > 0) {
      emit({ text: this.#document, line: this.#documentLine });
      this.#document = '';
      this.#depth = 0;
    }
  }

  #handleLine(rawLine: string, emit: (document: RawDocument) => void): void {
    this.#line += 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (this.#mode === 'lines') {
      if (line.trim() !== '') emit({ text: line, line: this.#line });
      return;
    }
    if (this.#mode === 'unknown') {
      if (line.trim() === '') return;
      this.#mode = parsesAlone(line) ? 'lines' : 'documents';
      if (this.#mode === 'lines') {
        emit({ text: line, line: this.#line });
        return;
      }
    }
    this.#scanDocumentLine(line, emit);
  }

  #scanDocumentLine(line: string, emit: (document: RawDocument) => void): void {
    let from = 0;
    for (let i = 0; i < line.length; i++) {
      const ch = line.charCodeAt(i);
      if (this.#depth === 0) {
        // Between documents: skip blanks; anything but { or [ is handed on whole, so it is
        // reported as an error rather than dropped.
        if (isSpace(ch)) {
          from = i + 1;
          continue;
        }
        if (ch !== 0x7b && ch !== 0x5b) {
          emit({ text: line.slice(i), line: this.#line });
          return;
        }
        this.#documentLine = this.#line;
      }
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (ch === 0x5c) this.#escaped = true;
        else if (ch === 0x22) this.#inString = false;
      } else if (ch === 0x22) {
        this.#inString = true;
      } else if (ch === 0x7b || ch === 0x5b) {
        this.#depth += 1;
      } else if (ch === 0x7d || ch === 0x5d) {
        this.#depth -= 1;
        if (this.#depth === 0) {
          emit({ text: this.#document + line.slice(from, i + 1), line: this.#documentLine });
          this.#document = '';
          from = i + 1;
        }
      }
    }
    if (this.#depth > 0) {
      this.#document += `${line.slice(from)}\n`;
      if (this.#document.length > MAX_DOCUMENT_CHARS) {
        throw new RangeError(
          `the document starting on line ${this.#documentLine} is longer than ${MAX_DOCUMENT_CHARS} characters`,
        );
      }
    }
  }
}

/** Whether `line` is a JSON document on its own (then the input is read as JSON Lines). */
export function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0d;
}
