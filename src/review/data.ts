import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { CheckSpec } from './checks';
import type { QaData } from './qa';

export type ReviewStatus = 'decided' | 'open' | 'check';

/** One item of the working group's review list. */
export interface DecisionRecord {
  id: string;
  /** The review bullet in its own words. */
  seed: string;
  /** The elements the item is about. */
  elements: string[];
  status: ReviewStatus;
  outcome: string;
  rationale: string;
  /** Decided: what must hold. Open: the interim state. Check: the element-level part of the rule. */
  checks: CheckSpec[];
  /** Open items: the options still on the table. */
  options?: { name: string; description: string }[];
  /** Check items: the resource-design QA rule to run. */
  rule?: string;
}

export interface DesignReviewData extends QaData {
  /** Canonical URL of the StructureDefinition under review. */
  definition: string;
  records: DecisionRecord[];
}

/** A data file that cannot be read, parsed or validated: reported in one line, exit code 2. */
export class ReviewDataError extends Error {
  override name = 'ReviewDataError';
}

export const DATA_FILE = path.join('input', 'data', 'design-review.yaml');
export const SCHEMA_FILE = path.join('input', 'data', 'design-review.schema.json');

const validators = new Map<string, ValidateFunction>();

function validatorFor(schemaFile: string): ValidateFunction {
  let validate = validators.get(schemaFile);
  if (!validate) {
    let schema: object;
    try {
      schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    } catch (e) {
      throw new ReviewDataError(`cannot read the schema ${schemaFile}: ${(e as Error).message}`);
    }
    try {
      // discriminator: a wrong check names its own missing field instead of every branch of oneOf.
      validate = new Ajv({ allErrors: false, discriminator: true, strict: true, strictRequired: false }).compile(schema);
    } catch (e) {
      throw new ReviewDataError(`the schema ${schemaFile} is not a valid JSON Schema: ${(e as Error).message}`);
    }
    validators.set(schemaFile, validate);
  }
  return validate;
}

/** `/records/6/checks/0` -> `records[6] (patient-to-subject) checks[0]`, the way a reader finds it. */
function describeLocation(instancePath: string, data: unknown): string {
  const segments = instancePath.split('/').slice(1);
  if (segments.length === 0) return 'the document';
  const parts: string[] = [];
  let node: unknown = data;
  for (const segment of segments) {
    node = (node as Record<string, unknown> | undefined)?.[segment];
    if (/^\d+$/.test(segment)) {
      parts[parts.length - 1] += `[${segment}]`;
      const id = (node as { id?: unknown } | undefined)?.id;
      if (parts.length === 1 && typeof id === 'string') parts[0] += ` (${id})`;
    } else parts.push(segment);
  }
  return parts.join('.');
}

function describeError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `has unknown property "${p.additionalProperty}"`;
  if (error.keyword === 'enum') return `${error.message}: ${(p.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'discriminator' && p.error === 'mapping') return `has unknown check kind "${p.tagValue}"`;
  return error.message ?? error.keyword;
}

/**
 * Parses and validates the decision records. Every problem is a ReviewDataError whose message is
 * one line: `file:line:col: where: what`.
 */
export function parseDesignReview(text: string, file: string, schemaFile: string): DesignReviewData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return file;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new ReviewDataError(`${at(error.pos[0])}: not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const data = doc.toJS() as unknown;
  const validate = validatorFor(schemaFile);
  if (!validate(data)) {
    const error = validate.errors![0];
    const segments = error.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = doc.getIn(segments, true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    throw new ReviewDataError(`${at(offset)}: ${describeLocation(error.instancePath, data)} ${describeError(error)} (schema ${path.basename(schemaFile)})`);
  }
  const review = data as DesignReviewData;
  const seen = new Set<string>();
  for (const record of review.records) {
    if (seen.has(record.id)) throw new ReviewDataError(`${file}: record id ${record.id} is used twice`);
    seen.add(record.id);
  }
  const rules = review.records.filter((r) => r.rule).map((r) => r.rule!);
  const twice = rules.find((r, i) => rules.indexOf(r) !== i);
  if (twice) throw new ReviewDataError(`${file}: QA rule ${twice} is run by two records`);
  return review;
}

export function loadDesignReview(file: string, schemaFile: string): DesignReviewData {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReviewDataError(`cannot read the decision records ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseDesignReview(text, file, schemaFile);
}
