/**
 * `npm test`'s `pretest` step: the system tools the tests need, found or installed.
 *
 * - dcmtk's `dump2dcm` writes the DICOM KOS test files of the converter from text dumps;
 * - Chromium runs the site's and the playground's browser tests.
 *
 * Both are found the way users expect (see `findChromium`). When one is missing and this is a Debian or
 * Ubuntu machine where we may install (root, or passwordless sudo), the Debian packages are installed with
 * apt-get, once; present tools make this step silent. Otherwise it stops at once with one line naming the
 * command to run, instead of a run with scattered failures.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Debian's own location of its chromium package's launcher. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The first executable file called `name` on PATH. */
export function onPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The Chromium the browser tests drive: `CHROMIUM`, then `CHROME_PATH` (each must name an executable),
 * then `chromium` (or Chrome) on PATH, then Debian's `/usr/bin/chromium`.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path?: string; problem?: string } {
  for (const variable of ['CHROMIUM', 'CHROME_PATH']) {
    const value = env[variable];
    if (!value) continue;
    try {
      fs.accessSync(value, fs.constants.X_OK);
      return { path: value };
    } catch {
      return { problem: `${variable}=${value} is not an executable file` };
    }
  }
  for (const name of CHROMIUM_NAMES) {
    const found = onPath(name, env.PATH);
    if (found) return { path: found };
  }
  if (fs.existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM };
  return {};
}

interface Tool {
  what: string;
  debianPackage: string;
  present(): boolean;
}

const TOOLS: Tool[] = [
  { what: "dcmtk's dump2dcm", debianPackage: 'dcmtk', present: () => onPath('dump2dcm') !== undefined },
  { what: 'Chromium', debianPackage: 'chromium', present: () => findChromium().path !== undefined },
];

function canRun(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** How this process may run apt-get: directly as root, through passwordless sudo, or not at all. */
function aptGetPrefix(): string[] | undefined {
  if (!onPath('apt-get')) return undefined;
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo') && canRun('sudo', ['-n', 'true'])) return ['sudo', '-n'];
  return undefined;
}

function fail(message: string): never {
  process.stderr.write(`npm test: ${message}\n`);
  process.exit(1);
}

function main(): void {
  const chromium = findChromium();
  if (chromium.problem) fail(`${chromium.problem}: point it at a Chromium or Chrome, or unset it`);
  const missing = TOOLS.filter((tool) => !tool.present());
  if (missing.length === 0) return;

  const packages = missing.map((tool) => tool.debianPackage);
  const needs = missing.map((tool) => tool.what).join(' and ');
  const byHand = `sudo apt-get install ${packages.join(' ')}`;
  const prefix = aptGetPrefix();
  if (!prefix) {
    fail(`the tests need ${needs}: run \`${byHand}\` (on another OS, see the README's "Set up"), then npm test again`);
  }

  process.stderr.write(`npm test: installing ${packages.join(' ')} (Debian packages) for ${needs}…\n`);
  const [command, ...leading] = [...prefix, 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync(command, [...leading, 'update', '-qq'], { stdio: ['ignore', 'ignore', 'pipe'], env });
    execFileSync(command, [...leading, 'install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'pipe'], env });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop() ?? String(error);
    fail(`installing ${packages.join(' ')} failed (${stderr}): run \`${byHand}\` by hand, then npm test again`);
  }
  const stillMissing = TOOLS.filter((tool) => !tool.present());
  if (stillMissing.length) fail(`${stillMissing.map((t) => t.what).join(' and ')} still not found after apt-get install: run \`${byHand}\``);
}

if (require.main === module) main();
