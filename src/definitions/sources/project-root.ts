import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder of this project (holding package.json and sushi-config.yaml), from wherever this module runs. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'sushi-config.yaml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}
