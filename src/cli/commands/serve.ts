import type { Command } from 'commander';
import { UsageError } from '../errors';
import type { RegisterCommand } from './index';
import { createServer } from '../../server/app';
import { ValidatorSetupError } from '../../validator/validator';

interface ServeCliOptions {
  host: string;
  port: string;
  base: string;
  threads?: string;
  bodyLimit: string;
  timeout: string;
  maxQueue?: string;
  ig: string[];
  profile: string[];
  log: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function whole(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} ${text}: expected a whole number of at least ${min}`);
  return n;
}

/** `imgref serve`: a FHIR `$validate` server, until SIGTERM or SIGINT. */
export const registerServe: RegisterCommand = (program: Command) => {
  program
    .command('serve')
    .description('answer FHIR $validate requests over HTTP (POST [base]/$validate, [base]/[type]/$validate; GET [base]/metadata)')
    .option('--host <address>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option('--base <path>', 'path of the FHIR base, e.g. /fhir', '')
    .option('--threads <n>', 'validation threads (default: one per core)')
    .option('--body-limit <bytes>', 'largest request body; larger ones are answered 413', String(16 * 1024 * 1024))
    .option('--timeout <ms>', 'longest a validation may run; then 503 and the thread is replaced', '30000')
    .option('--max-queue <n>', 'requests waiting for a thread beyond which new ones get 503 (default: 64 per thread)')
    .option('--ig <path>', 'also load conformance resources from this folder, package or file (repeatable)', collect, [])
    .option('--profile <url>', 'also validate every resource against this profile (repeatable)', collect, [])
    .option('--no-log', 'no request log (the log is JSON lines on standard output)')
    .action(async (options: ServeCliOptions) => {
      process.exitCode = await runServe(options);
    });
};

export async function runServe(options: ServeCliOptions): Promise<number> {
  const port = whole('--port', options.port, 0);
  if (port > 65535) throw new UsageError(`--port ${options.port}: expected at most 65535`);
  const threads = options.threads === undefined ? undefined : whole('--threads', options.threads, 1);
  let server;
  try {
    server = await createServer({
      base: options.base,
      threads,
      bodyLimit: whole('--body-limit', options.bodyLimit, 1),
      requestTimeoutMs: whole('--timeout', options.timeout, 1),
      maxQueue: options.maxQueue === undefined ? undefined : whole('--max-queue', options.maxQueue, 0),
      igPaths: options.ig,
      profiles: options.profile,
      logger: options.log,
    });
  } catch (e) {
    // A worker that cannot build its validator (a bad --ig or --profile) says why.
    if (e instanceof ValidatorSetupError) throw new UsageError(e.message);
    throw e;
  }
  try {
    await server.app.listen({ host: options.host, port });
  } catch (e) {
    await server.close();
    throw new UsageError(`cannot listen on ${options.host}:${port}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const address = server.app.server.address();
  const where = typeof address === 'object' && address ? `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}${options.base}` : String(address);
  process.stderr.write(`imgref serve: $validate at ${where} (${server.pool.threads} threads)\n`);
  // Graceful shutdown: stop accepting, finish the requests under way, stop the threads.
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`imgref serve: ${signal}: finishing the requests under way\n`);
      void server.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}
