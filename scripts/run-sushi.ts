// `npm run sushi`: compiles input/fsh/ with SUSHI (snapshots on) into fsh-generated/ and fails
// closed: any SUSHI error, or a SUSHI that could not run, fails the build. Warnings that the
// README does not list as known are repeated at the end so that nobody misses them.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** Warnings we accept, each with its reason in the README ("Known SUSHI warnings"). */
const KNOWN_WARNINGS: RegExp[] = [
  /Failed to load automatically-provided hl7\.fhir\.uv\.tools\.r5#latest/,
  /Detected the following instance\(s\) of custom resources/,
  /Unable to determine the latest version of sushi/,
];

function main(): number {
  // An optional argument names another IG folder (the tests use a broken copy).
  const projectDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const sushi = require.resolve('fsh-sushi/dist/app.js', { paths: [__dirname] });
  const run = spawnSync(process.execPath, [sushi, 'build', projectDir, '--snapshot'], { cwd: projectDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  process.stdout.write(output);
  if (run.error) {
    console.error(`sushi: could not run SUSHI: ${run.error.message}`);
    return 1;
  }
  const unknown = warningBlocks(output).filter((block) => !KNOWN_WARNINGS.some((known) => known.test(block)));
  if (unknown.length) {
    console.warn(`\nsushi: ${unknown.length} warning(s) not listed in the README:\n${unknown.join('\n')}`);
  }
  const errors = Number(/(\d+) Errors?/.exec(output)?.[1] ?? NaN);
  if (run.status !== 0 || errors !== 0) {
    console.error(`\nsushi: FAILED (exit ${run.status}${Number.isNaN(errors) ? ', no result line' : `, ${errors} error(s)`}): the build stops here.`);
    return 1;
  }
  return 0;
}

/** Each SUSHI warning with its continuation lines (some warnings are boxes of several lines). */
function warningBlocks(output: string): string[] {
  return [...output.matchAll(/^warn\s+([\s\S]*?)(?=^(?:info|warn|error)\s|^=+$|(?![\s\S]))/gm)].map((m) => m[0].trim());
}

process.exitCode = main();
