import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProgramTerms } from '../domain/terms/program-terms.js';
import { packageRoot } from '../package-root.js';
import { decodeError, type WireError } from '../services/writer-protocol.js';
import { parseNewProgramTermsOrThrow, parseProgramTermsOrThrow } from './load-program-terms.js';

/** `new`: terms sent to become a program's (refused with the network fee); `stored`: kept ones. */
export type TermsKind = 'new' | 'stored';

/** A request to the terms thread (terms-compiler-worker.ts) and its answer. */
export interface CompileRequest {
  id: number;
  source: string;
  name: string;
  kind: TermsKind;
}
export type CompileAnswer = { id: number; terms: ProgramTerms } | { id: number; error: WireError };

/** The thread's code, compiled (tests run the sources; the thread always runs the build). */
const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'programs', 'terms-compiler-worker.js');

/** How long the terms thread stays with nothing to compile before it ends. */
const IDLE_MS = 60_000;

/** Parses and compiles terms in the caller's thread. */
export function compileTermsHere(source: string, name: string, kind: TermsKind): ProgramTerms {
  return kind === 'new'
    ? parseNewProgramTermsOrThrow(source, name)
    : parseProgramTermsOrThrow(source, name);
}

/**
 * Parses and compiles terms documents. Under `affnet serve` (useThread) on a thread of its own,
 * one document at a time: a terms file of up to 256 KiB takes tens to hundreds of
 * milliseconds to parse, which the request thread must never spend (clicks and /healthz keep
 * answering while drafts are parsed). Stored terms are compiled once per terms id.
 */
export class TermsCompiler {
  readonly #stored = new Map<string, Promise<ProgramTerms>>();
  #threaded = false;
  #idleMs = IDLE_MS;
  #idle: NodeJS.Timeout | undefined;
  #worker: Worker | undefined;
  #next = 0;
  readonly #pending = new Map<
    number,
    { resolve: (terms: ProgramTerms) => void; reject: (error: unknown) => void }
  >();

  /**
   * Moves compiling to a thread of its own; false when the build is missing (run from sources).
   * The thread starts at the first document to compile and ends after `idleMs` with none (an
   * idle V8 isolate holding the terms code costs the server ~40 MB of RSS, issue 29): stored
   * terms stay compiled in this thread's cache, so only new terms and drafts start it again.
   */
  useThread({ idleMs = IDLE_MS }: { idleMs?: number } = {}): boolean {
    if (this.#threaded) return true;
    if (!existsSync(WORKER_FILE)) return false;
    this.#threaded = true;
    this.#idleMs = idleMs;
    return true;
  }

  /** Whether the thread is running now (it starts on demand and ends when idle). */
  get threadRunning(): boolean {
    return this.#worker !== undefined;
  }

  #startWorker(): Worker {
    const worker = new Worker(WORKER_FILE);
    worker.unref();
    worker.on('message', (answer: CompileAnswer) => {
      const pending = this.#pending.get(answer.id);
      this.#pending.delete(answer.id);
      if ('terms' in answer) pending?.resolve(answer.terms);
      else pending?.reject(decodeError(answer.error));
      if (this.#pending.size === 0) this.#armIdle();
    });
    const ended = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', (error) => ended(error));
    worker.on('exit', (code) => ended(new Error(`the terms thread exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  /** Ends the thread once it has had nothing to compile for `idleMs`. */
  #armIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      const worker = this.#worker;
      if (worker === undefined || this.#pending.size > 0) return;
      this.#worker = undefined;
      void worker.terminate();
    }, this.#idleMs);
    this.#idle.unref();
  }

  /** Terms sent to become a program's (or a draft of them), checked as such. */
  compileNew(source: string, name: string): Promise<ProgramTerms> {
    return this.#compile(source, name, 'new');
  }

  /** A stored terms version, compiled once. */
  compileStored(termsId: string, source: string, name: string): Promise<ProgramTerms> {
    let terms = this.#stored.get(termsId);
    if (terms === undefined) {
      terms = this.#compile(source, name, 'stored');
      this.#stored.set(termsId, terms);
      terms.catch(() => this.#stored.delete(termsId));
    }
    return terms;
  }

  /** A stored terms version compiled (or being compiled) already, if it is. */
  compiledStored(termsId: string): Promise<ProgramTerms> | undefined {
    return this.#stored.get(termsId);
  }

  /** Ends the thread (pending compilations fail). */
  async close(): Promise<void> {
    this.#threaded = false;
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = undefined;
    for (const pending of this.#pending.values())
      pending.reject(new Error('the terms compiler was closed'));
    this.#pending.clear();
    await worker?.terminate();
  }

  #compile(source: string, name: string, kind: TermsKind): Promise<ProgramTerms> {
    if (!this.#threaded) {
      try {
        return Promise.resolve(compileTermsHere(source, name, kind));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const worker = this.#worker ?? this.#startWorker();
    clearTimeout(this.#idle);
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, source, name, kind } satisfies CompileRequest);
    });
  }
}
