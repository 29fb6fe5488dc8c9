import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * SUSHI's warnings of the last build, kept beside its output (`fsh-generated/sushi-warnings.json`)
 * so that the QA page lists them with the validator's findings, as the IG Publisher's QA page
 * lists SUSHI's. Written by `npm run sushi` and by the live preview's rebuild.
 */
export interface SushiWarning {
  message: string;
  /** The FSH file, relative to the project, and line, when SUSHI names them. */
  file?: string;
  line?: number;
}

export const SUSHI_WARNINGS_FILE = 'sushi-warnings.json';

export function writeSushiWarnings(projectDir: string, warnings: SushiWarning[]): void {
  fs.writeFileSync(path.join(projectDir, 'fsh-generated', SUSHI_WARNINGS_FILE), JSON.stringify(warnings, null, 2) + '\n');
}

/** The warnings of the last build; none when no build wrote them (or the file is not ours to read). */
export function readSushiWarnings(projectDir: string): SushiWarning[] {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(projectDir, 'fsh-generated', SUSHI_WARNINGS_FILE), 'utf8')) as unknown;
    return Array.isArray(data) ? data.filter((w): w is SushiWarning => typeof w?.message === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The warnings of SUSHI's console output (`sushi build`): each `warn` block, a box of several
 * lines flattened to its text, with the `File:` and `Line:` that SUSHI prints under it.
 */
export function parseSushiWarnings(output: string): SushiWarning[] {
  const blocks = [...output.matchAll(/^warn\s+([\s\S]*?)(?=^(?:info|warn|error)\s|^=|(?![\s\S]))/gm)].map((m) => m[1]);
  return blocks.map((block) => {
    const file = /^\s*File:\s*(.+)$/m.exec(block)?.[1].trim();
    const line = Number(/^\s*Line:\s*(\d+)/m.exec(block)?.[1]);
    const message = block
      .split('\n')
      .filter((l) => !/^\s*(File|Line):/.test(l))
      .map((l) => l.replace(/[│╭╮╰╯─]/g, '').trim())
      .filter(Boolean)
      .join(' ');
    return { message, ...(file ? { file } : {}), ...(Number.isInteger(line) && line > 0 ? { line } : {}) };
  });
}
