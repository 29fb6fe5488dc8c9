import * as path from 'node:path';
import { PROJECT_DIR } from './project';

/** The site that `npm run build` rendered (`npm run site`). */
export const OUTPUT_DIR = path.join(PROJECT_DIR, 'output');
