// The FHIR versions an extension (or one of its contexts) may be used in: the `version-specific-use`
// extension of hl7.fhir.uv.extensions (startFhirVersion, endFhirVersion, as major.minor), on the
// StructureDefinition itself or on one StructureDefinition.context.
const VERSION_SPECIFIC_USE = 'http://hl7.org/fhir/StructureDefinition/version-specific-use';

export interface VersionRange {
  start?: string;
  end?: string;
}

/** The range declared on a definition or a context, or undefined when it declares none. */
export function versionRange(holder: Record<string, any> | undefined): VersionRange | undefined {
  const use = (holder?.extension as any[] | undefined)?.find((e) => e?.url === VERSION_SPECIFIC_USE);
  if (!use) return undefined;
  const part = (name: string) => (use.extension as any[] | undefined)?.find((e) => e?.url === name)?.valueCode as string | undefined;
  return { start: part('startFhirVersion'), end: part('endFhirVersion') };
}

/** Compares dotted versions by their numeric parts ("4.3" < "5.0"). */
function compare(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/** "5.0.0" -> "5.0": ranges are stated in major.minor. */
export function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** Which bound `version` (major.minor) breaks, if any. */
export function outsideRange(range: VersionRange, version: string): 'start' | 'end' | undefined {
  if (range.start && compare(version, range.start) < 0) return 'start';
  if (range.end && compare(version, range.end) > 0) return 'end';
  return undefined;
}
