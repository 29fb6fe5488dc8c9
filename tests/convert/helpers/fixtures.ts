import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_DIR } from '../../helpers/project';

export const CONVERT_FIXTURES = path.join(PROJECT_DIR, 'tests', 'fixtures', 'convert');

/** A fresh copy of a JSON fixture, so that a test may change it. */
export function jsonFixture<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(CONVERT_FIXTURES, relative), 'utf8')) as T;
}
