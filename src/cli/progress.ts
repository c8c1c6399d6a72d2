import type { Writable } from 'node:stream';

/**
 * Progress for long CLI work, on stderr and only when it is a terminal, so piped output and
 * logs stay clean. Redraws at most every `intervalMs`.
 */
export class Progress {
  readonly #stream: Writable & { isTTY?: boolean };
  readonly #label: string;
  readonly #total: number | undefined;
  readonly #started = performance.now();
  readonly #intervalMs: number;
  #lastDraw = 0;
  #count = 0;

  constructor(stream: Writable, label: string, total?: number, intervalMs = 500) {
    this.#stream = stream;
    this.#label = label;
    this.#total = total;
    this.#intervalMs = intervalMs;
  }

  get enabled(): boolean {
    return this.#stream.isTTY === true;
  }

  /** Sets the count done so far and redraws if it is time. */
  update(count: number): void {
    this.#count = count;
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.#lastDraw < this.#intervalMs) return;
    this.#lastDraw = now;
    this.#stream.write(`\r${this.#describe(now)}`);
  }

  done(): void {
    if (this.enabled) this.#stream.write(`\r${this.#describe(performance.now())}\n`);
  }

  #describe(now: number): string {
    const seconds = (now - this.#started) / 1000;
    const rate = seconds > 0 ? Math.round(this.#count / seconds) : 0;
    const of = this.#total === undefined ? '' : ` of ${this.#total.toLocaleString('en')}`;
    const percent =
      this.#total === undefined || this.#total === 0
        ? ''
        : ` (${Math.floor((this.#count / this.#total) * 100)}%)`;
    return `${this.#label}: ${this.#count.toLocaleString('en')}${of}${percent}, ${rate.toLocaleString('en')}/s`;
  }
}
