import * as path from 'node:path';
import { generatedResourcesDir, MissingBuildError, readResourcesIn } from '../ig/generated-resources';
import { SnapshotView, type StructureDefinition } from '../ig/structure-definition';
import { artifactsOf, type BuildArtifacts } from './artifacts';
import { describeCheck, runCheck } from './checks';
import { CoreDefinitions } from './core-definitions';
import { assertValidDefinition } from './definition-validity';
import type { Validator } from '../validator';
import { DATA_FILE, loadDesignReview, SCHEMA_FILE, type DecisionRecord, type DesignReviewData, type ReviewStatus } from './data';
import { compareWithEventPattern, QA_RULES, type EventPatternRow, type QaContext, type QaRule } from './qa';

export type ReviewResult = 'pass' | 'fail' | 'n/a';

/** One line of the report: a decision record, or a QA rule that no record runs. */
export interface ReviewItem {
  id: string;
  seed: string;
  status: ReviewStatus;
  outcome: string;
  result: ReviewResult;
  messages: string[];
}

export interface ReviewSummary {
  total: number;
  status: Record<ReviewStatus, number>;
  result: Record<ReviewResult, number>;
  /** Ids of the decided and check items that fail (what makes the review fail). */
  failed: string[];
}

/** The report `imgref review --format json` prints. */
export interface ReviewReport {
  items: ReviewItem[];
  summary: ReviewSummary;
}

export interface ReviewOptions {
  /** The IG project (default: the working directory). */
  projectDir?: string;
  /** Where the built definitions are (default: fsh-generated/resources of the project). */
  definitionsDir?: string;
  /** The decision records (default: input/data/design-review.yaml of the project). */
  dataFile?: string;
  /** The built resources, instead of reading definitionsDir (an in-memory build). */
  resources?: readonly unknown[];
  /** The StructureDefinition to review, instead of finding it among the built resources. */
  structureDefinition?: StructureDefinition;
  /** The decision records, instead of reading dataFile. */
  data?: DesignReviewData;
  core?: CoreDefinitions;
  /** Checks that the definition is valid FHIR before it is reviewed (default: the project's validator). */
  validator?: Validator;
}

/** Everything a renderer needs: the report, the records it came from, and the Event pattern table. */
export interface DesignReview {
  report: ReviewReport;
  records: DecisionRecord[];
  /** The QA rules no record runs, reported as items `qa-<rule id>`. */
  extraRules: QaRule[];
  eventPattern: EventPatternRow[];
}

/** Prefix of the items of QA rules that no decision record runs. */
export const QA_ITEM_PREFIX = 'qa-';

/**
 * The definition under review among the built resources: the one with the agreed URL, or else the
 * project's only own resource definition (a specialization), whose changed URL the review then names.
 * Undefined when the build has neither: the definition was removed or renamed.
 */
export function locateDefinition(resources: readonly unknown[], url: string): StructureDefinition | undefined {
  const definitions = resources.filter((r): r is StructureDefinition => {
    const x = r as { resourceType?: unknown } | null;
    return typeof x === 'object' && x !== null && !Array.isArray(x) && x.resourceType === 'StructureDefinition';
  });
  const exact = definitions.find((sd) => sd.url === url);
  if (exact) return exact;
  const own = definitions.filter((sd) => sd.derivation === 'specialization' && sd.kind === 'resource');
  return own.length === 1 ? own[0] : undefined;
}

/** Every item fails (open ones are n/a) naming the missing definition: a gate failure, not a set-up error. */
function missingDefinitionItems(data: DesignReviewData, where: string): ReviewItem[] {
  const message = `not reviewed: no StructureDefinition ${data.definition} in ${where} (removed, or renamed with its URL)`;
  const items = data.records.map((r) => ({ id: r.id, seed: r.seed, status: r.status, outcome: r.outcome, result: (r.status === 'open' ? 'n/a' : 'fail') as ReviewResult, messages: [message] }));
  const linked = new Set(data.records.map((r) => r.rule));
  const extra = QA_RULES.filter((r) => !linked.has(r.id)).map((r) => ({ id: `${QA_ITEM_PREFIX}${r.id}`, seed: r.title, status: 'check' as ReviewStatus, outcome: r.outcome, result: 'fail' as ReviewResult, messages: [message] }));
  return [...items, ...extra];
}

function recordItem(record: DecisionRecord, ctx: QaContext, build: BuildArtifacts): ReviewItem {
  const findings = record.checks.flatMap((check) => runCheck(check, ctx.view, build).map((m) => `${describeCheck(check)}: ${m}`));
  const rule = record.rule ? QA_RULES.find((r) => r.id === record.rule) : undefined;
  if (rule) findings.push(...rule.run(ctx));
  const base = { id: record.id, seed: record.seed, status: record.status, outcome: record.outcome };
  if (record.status === 'open') {
    // Open items do not gate the build; the interim state is still reported when it moves.
    const options = (record.options ?? []).map((o) => `option ${o.name}: ${o.description}`);
    return { ...base, result: 'n/a', messages: [...options, ...findings.map((f) => `interim state changed: ${f}`)] };
  }
  return { ...base, result: findings.length ? 'fail' : 'pass', messages: findings };
}

function ruleItem(rule: QaRule, ctx: QaContext): ReviewItem {
  const findings = rule.run(ctx);
  return {
    id: `${QA_ITEM_PREFIX}${rule.id}`,
    seed: rule.title,
    status: 'check',
    outcome: rule.outcome,
    result: findings.length ? 'fail' : 'pass',
    messages: findings,
  };
}

function summarize(items: ReviewItem[]): ReviewSummary {
  const count = <K extends string>(keys: K[], of: (i: ReviewItem) => K) =>
    Object.fromEntries(keys.map((k) => [k, items.filter((i) => of(i) === k).length])) as Record<K, number>;
  return {
    total: items.length,
    status: count<ReviewStatus>(['decided', 'open', 'check'], (i) => i.status),
    result: count<ReviewResult>(['pass', 'fail', 'n/a'], (i) => i.result),
    failed: items.filter((i) => i.status !== 'open' && i.result === 'fail').map((i) => i.id),
  };
}

/**
 * Runs the design review: every decision record's checks and every QA rule, against the built
 * snapshot (it never builds). Throws MissingBuildError, ReviewDataError, CoreDefinitionsError, or
 * StructureDefinitionError (a definition that is not valid FHIR R5) when it cannot run.
 */
export function reviewDesign(options: ReviewOptions = {}): DesignReview {
  const projectDir = path.resolve(options.projectDir ?? process.cwd());
  const data = options.data ?? loadDesignReview(options.dataFile ?? path.join(projectDir, DATA_FILE), path.join(projectDir, SCHEMA_FILE));
  const dir = options.definitionsDir ?? generatedResourcesDir(projectDir);
  const resources = options.resources ?? readResourcesIn(dir).map((g) => g.resource as unknown);
  // Nothing built at all is a set-up error; a build without the definition is a failing review.
  if (!options.structureDefinition && resources.length === 0) throw new MissingBuildError(`no built definitions in ${dir}: run \`npm run build\` first`);
  const sd = options.structureDefinition ?? locateDefinition(resources, data.definition);
  const where = options.resources ? 'the build' : dir;
  if (!sd) {
    const items = missingDefinitionItems(data, where);
    return { report: { items, summary: summarize(items) }, records: data.records, extraRules: [], eventPattern: [] };
  }
  assertValidDefinition(sd, options.validator);
  const ctx: QaContext = { view: new SnapshotView(sd), core: options.core ?? CoreDefinitions.locate(), data };
  const build = artifactsOf(resources);
  const linked = new Set(data.records.map((r) => r.rule));
  const extraRules = QA_RULES.filter((r) => !linked.has(r.id));
  const items = [...data.records.map((r) => recordItem(r, ctx, build)), ...extraRules.map((r) => ruleItem(r, ctx))];
  const eventPattern = compareWithEventPattern(ctx.view, ctx.core.view('Event'), data.eventPatternLacks).rows;
  return { report: { items, summary: summarize(items) }, records: data.records, extraRules, eventPattern };
}

/** The design review report (the JSON of `imgref review --format json`). */
export function runReview(options: ReviewOptions = {}): ReviewReport {
  return reviewDesign(options).report;
}

/** Whether the review fails: a decided or check item that does not hold. */
export function reviewFails(report: ReviewReport): boolean {
  return report.summary.failed.length > 0;
}
