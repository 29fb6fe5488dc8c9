// `npm run snapshot-agreement`: regenerates the snapshot of every StructureDefinition of the pinned
// FHIR packages that publishes both a differential and a snapshot, from the differential and the
// (published) base, and compares them element by element with the published snapshot
// (src/definitions/snapshot/compare-snapshots.ts). Prints how many agree and every difference by kind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SnapshotGenerator, SnapshotError } from '../src/definitions/snapshot';
import type { StructureDefinition } from '../src/definitions/snapshot';
import { compareSnapshots, type ElementDifference } from '../src/definitions/snapshot/compare-snapshots';
import { npmPackageDir } from '../src/packages/fhir-package-cache';

export const AGREEMENT_PACKAGES = ['hl7.fhir.r5.core', 'hl7.fhir.uv.extensions.r5', 'hl7.terminology.r5'];

export function loadStructureDefinitions(packageDir: string): StructureDefinition[] {
  return fs.readdirSync(packageDir)
    .filter((f) => f.startsWith('StructureDefinition-') && f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(packageDir, f), 'utf8')) as StructureDefinition);
}

/**
 * Where the published R5 snapshots differ from what the rules give, each class with its reason
 * (printed by the command, and the test fails on a difference outside them).
 */
export const KNOWN_DIFFERENCES: Array<{ id: string; reason: string; matches: (r: DefinitionResult, d?: ElementDifference) => boolean }> = [
  {
    id: 'root-dom-constraints',
    reason: 'the published snapshots of 36 resources (the canonical resources, with cnl-0, MetadataResource, EvidenceReport, MedicationKnowledge, SpecimenDefinition, SubscriptionTopic) leave out dom-2..dom-6 on the root, which their base DomainResource declares; a snapshot "can be used and interpreted without considering the base" (StructureDefinition.snapshot), so the generator keeps them',
    matches: (_r, d) => d?.kind === 'constraints' && !d.id.includes('.') && sameAfterRemoving(d, /^dom-[2-6]$/),
  },
  {
    id: 'interface-elements',
    reason: 'MetadataResource\'s published snapshot also lists the elements of CanonicalResource, an interface it implements (structuredefinition-implements) but not its baseDefinition (DomainResource), from which a snapshot is derived',
    matches: (r, d) => r.url.endsWith('/MetadataResource') && d?.kind === 'missing',
  },
  {
    id: 'primitive-value-type',
    reason: 'the published snapshots of positiveInt and unsignedInt give `value` the type System.String, while their own differentials (and the base integer.value) say System.Integer',
    matches: (r, d) => /\/(positiveInt|unsignedInt)$/.test(r.url) && d?.kind === 'type' && d.id.endsWith('.value'),
  },
  {
    id: 'type-profile-constraints',
    reason: 'the published cholesterol profiles add the root constraints of SimpleQuantity (qty-3, sqty-1) to an element whose differential restates that type profile; the HL7 tooling that wrote the extensions package does not (medicationdispense-quantityRemaining), nor does ProfilePathProcessor today',
    matches: (_r, d) => d?.kind === 'constraints' && sameAfterRemoving(d, /^(qty-3|sqty-1)$/, true),
  },
  {
    id: 'extension-slice-minimum',
    reason: 'three core profiles (cdshooksguidanceresponse, cdshooksserviceplandefinition, executablevalueset) require an extension slice without restating the sliced `extension` element, and publish that element at min 0; the current HL7 tooling gives slicing used that way the sum of the slices\' minimums (ProfileUtilities\' slice count check), as the extensions package shows on every Extension.extension',
    matches: (r, d) => d?.kind === 'min' && /\/(cdshooksguidanceresponse|cdshooksserviceplandefinition|executablevalueset)$/.test(r.url) && /\.extension$/.test(d.id) && d.published === 0,
  },
  {
    id: 'invalid-profile',
    reason: 'the differential is in error, which the generator reports as a SnapshotError where the published snapshot ignored it: catalog slices Composition.date, which does not repeat, without a slicing; ebmrecommendation constrains ArtifactAssessment.citeAs, which does not exist (citeAs[x])',
    matches: (r, d) => !d && Boolean(r.error) && /\/(catalog|ebmrecommendation)$/.test(r.url),
  },
];

/** The difference is only that one side has the keys matching `pattern` (the published side when `publishedHasThem`). */
function sameAfterRemoving(d: ElementDifference, pattern: RegExp, publishedHasThem = false): boolean {
  const [more, fewer] = (publishedHasThem ? [d.published, d.generated] : [d.generated, d.published]) as string[][];
  const rest = more.filter((k) => !pattern.test(k));
  return rest.length === fewer.length && rest.every((k, i) => k === fewer[i]) && more.length > fewer.length;
}

export function explain(result: DefinitionResult, difference?: ElementDifference): string | undefined {
  return KNOWN_DIFFERENCES.find((k) => k.matches(result, difference))?.id;
}

export interface DefinitionResult {
  url: string;
  packageName: string;
  derivation: string;
  elements: number;
  agreeing: number;
  differences: ElementDifference[];
  error?: string;
}

export interface AgreementReport {
  results: DefinitionResult[];
  definitions: number;
  agreeingDefinitions: number;
  elements: number;
  agreeingElements: number;
  byKind: Record<string, number>;
  /** Differences by KNOWN_DIFFERENCES class, `unexplained` for the rest. */
  byExplanation: Record<string, number>;
}

/** Every definition with both a differential and a snapshot, regenerated and compared. */
export function measureAgreement(packages: Array<{ name: string; definitions: StructureDefinition[] }>, filter: (sd: StructureDefinition) => boolean = () => true): AgreementReport {
  const byUrl = new Map<string, StructureDefinition>();
  for (const p of packages) for (const sd of p.definitions) if (!byUrl.has(sd.url)) byUrl.set(sd.url, sd);
  // The generator sees every definition with its published snapshot (the bases), except the one
  // being regenerated, which it gets without.
  const results: DefinitionResult[] = [];
  for (const p of packages) {
    for (const sd of p.definitions) {
      if (!sd.differential?.element?.length || !sd.snapshot?.element?.length || !sd.baseDefinition || !filter(sd)) continue;
      const { snapshot, ...differentialOnly } = sd;
      const generator = new SnapshotGenerator((url) => byUrl.get(url.split('|')[0]));
      const result: DefinitionResult = { url: sd.url, packageName: p.name, derivation: sd.derivation ?? 'none', elements: snapshot.element.length, agreeing: 0, differences: [] };
      try {
        const generated = generator.generate(differentialOnly as StructureDefinition);
        const comparison = compareSnapshots(snapshot.element, generated.snapshot!.element);
        result.agreeing = comparison.agreeing;
        result.differences = comparison.differences;
      } catch (error) {
        if (!(error instanceof SnapshotError)) throw error;
        result.error = error.message;
      }
      results.push(result);
    }
  }
  const byKind: Record<string, number> = {};
  const byExplanation: Record<string, number> = {};
  const count = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  for (const r of results) {
    if (r.error) {
      count(byKind, 'error');
      count(byExplanation, explain(r) ?? 'unexplained');
    }
    for (const d of r.differences) {
      count(byKind, d.kind);
      count(byExplanation, explain(r, d) ?? 'unexplained');
    }
  }
  return {
    results,
    definitions: results.length,
    agreeingDefinitions: results.filter((r) => !r.error && !r.differences.length).length,
    elements: results.reduce((n, r) => n + r.elements, 0),
    agreeingElements: results.reduce((n, r) => n + r.agreeing, 0),
    byKind,
    byExplanation,
  };
}

/**
 * Profiles on profiles, with every constraint profile stripped of its snapshot: each base is itself
 * generated from its differential first (vitalsigns before bodyweight), then the profile.
 */
export function measureChainedAgreement(packages: Array<{ name: string; definitions: StructureDefinition[] }>): { definitions: number; agreeing: number; /** with a difference not explained */ failing: string[] } {
  const published = new Map<string, StructureDefinition>();
  for (const p of packages) for (const sd of p.definitions) if (!published.has(sd.url)) published.set(sd.url, sd);
  const differentialOnly = new Map<string, StructureDefinition>();
  for (const [url, sd] of published) {
    const { snapshot, ...rest } = sd;
    differentialOnly.set(url, sd.derivation === 'constraint' && sd.differential ? (rest as StructureDefinition) : sd);
  }
  const generator = new SnapshotGenerator((url) => differentialOnly.get(url.split('|')[0]));
  let definitions = 0;
  const differing: string[] = [];
  const failing: string[] = [];
  for (const [url, sd] of published) {
    if (sd.derivation !== 'constraint' || !sd.snapshot || published.get(sd.baseDefinition ?? '')?.derivation !== 'constraint') continue;
    definitions++;
    const result: DefinitionResult = { url, packageName: '', derivation: 'constraint', elements: sd.snapshot.element.length, agreeing: 0, differences: [] };
    try {
      result.differences = compareSnapshots(sd.snapshot.element, generator.generate(differentialOnly.get(url)!).snapshot!.element).differences;
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      result.error = error.message;
    }
    if (result.error || result.differences.length) differing.push(url);
    if ((result.error && !explain(result)) || result.differences.some((d) => !explain(result, d))) failing.push(url);
  }
  return { definitions, agreeing: definitions - differing.length, failing };
}

export function loadPinnedPackages(projectDir = path.join(__dirname, '..')) {
  return AGREEMENT_PACKAGES.map((name) => ({ name, definitions: loadStructureDefinitions(npmPackageDir(name, projectDir)) }));
}

function percent(a: number, b: number): string {
  return `${((100 * a) / b).toFixed(1)}%`;
}

function main(): void {
  const verbose = process.argv.includes('--verbose');
  const packages = loadPinnedPackages();
  const report = measureAgreement(packages);
  const groups = new Map<string, DefinitionResult[]>();
  for (const r of report.results) {
    const key = `${r.packageName} ${r.derivation}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, results] of groups) {
    const agree = results.filter((r) => !r.error && !r.differences.length).length;
    const elements = results.reduce((n, r) => n + r.elements, 0);
    const agreeing = results.reduce((n, r) => n + r.agreeing, 0);
    console.log(`${key}: ${agree}/${results.length} definitions agree fully (${percent(agree, results.length)}), ${agreeing}/${elements} elements (${percent(agreeing, elements)})`);
  }
  console.log(`all: ${report.agreeingDefinitions}/${report.definitions} definitions (${percent(report.agreeingDefinitions, report.definitions)}), ${report.agreeingElements}/${report.elements} elements (${percent(report.agreeingElements, report.elements)})`);
  const chained = measureChainedAgreement(packages);
  console.log(`profiles on profiles, bases generated too: ${chained.agreeing}/${chained.definitions} agree fully${chained.failing.length ? ` (unexplained differences: ${chained.failing.join(', ')})` : ''}`);
  console.log(`differences by kind: ${Object.entries(report.byKind).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  console.log('\ndifferences by reason:');
  for (const [id, n] of Object.entries(report.byExplanation)) {
    console.log(`  ${id} (${n}): ${KNOWN_DIFFERENCES.find((k) => k.id === id)?.reason ?? 'not explained: a defect of the generator'}`);
  }
  for (const r of report.results) {
    const shown = r.differences.filter((d) => verbose || !explain(r, d));
    if (!shown.length && !(r.error && (verbose || !explain(r)))) continue;
    console.log(`\n${r.url} (${r.derivation}):${r.error ? ` error: ${r.error}` : ''}`);
    for (const d of shown) {
      const why = explain(r, d);
      console.log(`  ${d.kind} ${d.id}${d.published !== undefined || d.generated !== undefined ? `: published ${JSON.stringify(d.published)}, generated ${JSON.stringify(d.generated)}` : ''}${why ? ` [${why}]` : ''}`);
    }
  }
  if (!verbose) console.log('\n(--verbose lists the explained differences too)');
}

if (require.main === module) {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error; // `| head` closed the pipe: stop quietly
  });
  main();
}
