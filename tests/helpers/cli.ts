import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_DIR } from './project';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed command as a user would (bin/imgref.js, compiled by `npm ci` / `npm run build`). */
export function runImgref(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): CliRun {
  const run = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'bin', 'imgref.js'), ...args], {
    encoding: 'utf8',
    input: options.input,
    cwd: options.cwd ?? PROJECT_DIR,
    env: { ...process.env, ...options.env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
