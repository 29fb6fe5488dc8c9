import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { projectRoot } from '../definitions/sources/project-root';
import { COMMANDS } from './commands';
import { printable } from '../validator/outcome/formatters/printable';
import { UsageError } from './errors';
import { expandHl7Aliases } from './hl7-aliases';

/** Builds the `imgref` program; each subcommand registers itself from ./commands. */
export function createProgram(): Command {
  const program = new Command('imgref')
    .description('The ImagingReference conformance kit: validate resources, check the design review, convert selections, render the IG.')
    .version(require(path.join(projectRoot(), 'package.json')).version)
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/**
 * Runs the command line and resolves to the exit code: 0 success, 1 findings (invalid input,
 * failed review item), 2 usage or internal failure. Never lets a stack trace reach the user.
 */
export async function run(argv: string[]): Promise<number> {
  stopQuietlyOnClosedPipe();
  const program = createProgram();
  // Commands report findings through process.exitCode; start clean so that a second run in the
  // same process (the library, tests) does not inherit the first one's code.
  process.exitCode = undefined;
  try {
    await program.parseAsync(expandHl7Aliases(argv));
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes were already printed.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      console.error(`imgref: ${printable(e.message)}`);
      return 2;
    }
    console.error(`imgref: internal error: ${printable((e as Error)?.message ?? String(e))}`);
    if (process.env.IMGREF_DEBUG) console.error((e as Error)?.stack);
    return 2;
  }
}

let pipeGuarded = false;

/**
 * `imgref validate big.ndjson | head`: when the reader closes the pipe, stop without a stack
 * trace, as command-line tools do (exit code 2: the run did not complete).
 */
function stopQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(2);
      throw e;
    });
  }
}
