import * as fs from 'node:fs';
import * as path from 'node:path';

export const KIT = path.resolve(__dirname, '..', '..', '..');

/** A copy of the IG project's inputs and SUSHI's output: the preview tests edit it, never the kit's own input/. */
export function copyProject(dir: string): void {
  for (const part of ['sushi-config.yaml', 'input', 'fsh-generated']) fs.cpSync(path.join(KIT, part), path.join(dir, part), { recursive: true });
}
