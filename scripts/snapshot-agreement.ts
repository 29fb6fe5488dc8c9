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

export const AGREEMENT_PACKAGES = ['hl7.fhir.r5.core', 'hl7.fhir.uv.extensions.r5'];

export function loadStructureDefinitions(packageDir: string): StructureDefinition[] {
  return fs.readdirSync(packageDir)
    .filter((f) => f.startsWith('StructureDefinition-') && f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(packageDir, f), 'utf8')) as StructureDefinition);
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
  for (const r of results) {
    if (r.error) byKind.error = (byKind.error ?? 0) + 1;
    for (const d of r.differences) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
  }
  return {
    results,
    definitions: results.length,
    agreeingDefinitions: results.filter((r) => !r.error && !r.differences.length).length,
    elements: results.reduce((n, r) => n + r.elements, 0),
    agreeingElements: results.reduce((n, r) => n + r.agreeing, 0),
    byKind,
  };
}

export function loadPinnedPackages(projectDir = path.join(__dirname, '..')) {
  return AGREEMENT_PACKAGES.map((name) => ({ name, definitions: loadStructureDefinitions(npmPackageDir(name, projectDir)) }));
}

function percent(a: number, b: number): string {
  return `${((100 * a) / b).toFixed(1)}%`;
}

function main(): void {
  const verbose = process.argv.includes('--verbose');
  const report = measureAgreement(loadPinnedPackages());
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
  console.log(`differences by kind: ${Object.entries(report.byKind).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  for (const r of report.results) {
    if (!r.error && !r.differences.length) continue;
    console.log(`\n${r.url} (${r.derivation}):${r.error ? ` error: ${r.error}` : ''}`);
    for (const d of verbose ? r.differences : r.differences.slice(0, 5)) {
      console.log(`  ${d.kind} ${d.id}${d.published !== undefined || d.generated !== undefined ? `: published ${JSON.stringify(d.published)}, generated ${JSON.stringify(d.generated)}` : ''}`);
    }
    if (!verbose && r.differences.length > 5) console.log(`  … ${r.differences.length - 5} more`);
  }
}

if (require.main === module) main();
