import { openApiDocument } from '../http/openapi.js';
import { UsageError, type CliIo } from './cli-io.js';

export const OPENAPI_USAGE = `usage: affnet openapi

Prints the JSON API's OpenAPI 3.1 document (the one /api/openapi.json serves), for generating
a client: npx affnet openapi > openapi.json && npx openapi-typescript openapi.json -o api.ts
`;

export async function runOpenApiCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`);
  io.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
  return 0;
}
