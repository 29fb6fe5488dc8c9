import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InputResult } from '../../input/input-files';
import type { ValidationIssue } from '../issue';

const LEVEL = { fatal: 'error', error: 'error', warning: 'warning', information: 'note' } as const;

export interface SarifOptions {
  toolVersion: string;
  /** Relative paths are written relative to this folder (SRCROOT), as code-scanning dashboards expect. */
  root?: string;
}

/**
 * A SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for
 * code-scanning dashboards: one result per issue, its rule id, file, line and column, the FHIRPath
 * as a logical location; suppressed issues carry a `suppressions` entry, as SARIF defines.
 */
export function formatSarif(results: InputResult[], options: SarifOptions): string {
  const rules = new Set<string>();
  const root = path.resolve(options.root ?? process.cwd());
  const sarifResults = results.flatMap((r) => [
    ...r.issues.map((i) => result(r.file, i, root, rules, false)),
    ...(r.suppressed ?? []).map((i) => result(r.file, i, root, rules, true)),
  ]);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'imgref', version: options.toolVersion, informationUri: 'https://hl7.org/fhir/R5/validation.html', rules: [...rules].sort().map((id) => ({ id })) } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root + path.sep).href } },
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function result(file: string, i: ValidationIssue, root: string, rules: Set<string>, suppressed: boolean): Record<string, unknown> {
  const ruleId = i.rule ?? 'imgref';
  rules.add(ruleId);
  const absolute = file === '-' ? undefined : path.resolve(file);
  const relative = absolute && !path.relative(root, absolute).startsWith('..') ? path.relative(root, absolute).split(path.sep).join('/') : undefined;
  const artifactLocation = relative !== undefined ? { uri: encodeURI(relative), uriBaseId: 'SRCROOT' } : { uri: absolute ? pathToFileURL(absolute).href : 'stdin' };
  const physicalLocation: Record<string, unknown> = { artifactLocation };
  if (i.position) physicalLocation.region = { startLine: i.position.line, startColumn: i.position.col };
  const location: Record<string, unknown> = { physicalLocation };
  if (i.expression) location.logicalLocations = [{ fullyQualifiedName: i.expression, kind: 'element' }];
  const out: Record<string, unknown> = { ruleId, level: LEVEL[i.severity], message: { text: i.message }, locations: [location] };
  if (suppressed) out.suppressions = [{ kind: 'external', justification: 'suppressed by --suppress or a suppressions file' }];
  return out;
}
