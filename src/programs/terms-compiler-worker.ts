import { parentPort } from 'node:worker_threads';
import { encodeError } from '../services/writer-protocol.js';
import { compileTermsHere, type CompileAnswer, type CompileRequest } from './terms-compiler.js';

/**
 * The terms thread (TermsCompiler.useThread): parses and compiles one terms document at a time
 * and answers with the compiled terms or the refusal (its code, message and issues).
 */
const port = parentPort!;
port.on('message', (request: CompileRequest) => {
  let answer: CompileAnswer;
  try {
    answer = {
      id: request.id,
      terms: compileTermsHere(request.source, request.name, request.kind),
    };
  } catch (error) {
    answer = { id: request.id, error: encodeError(error) };
  }
  port.postMessage(answer);
});
