// Why a StructureDefinition cannot be snapshotted. Each error names the profile and, where there is
// one, the element, so that a setup failure reads as one line.

export class SnapshotError extends Error {
  override name = 'SnapshotError';
  constructor(
    readonly profileUrl: string,
    readonly elementPath: string | undefined,
    detail: string,
  ) {
    super(`${profileUrl}${elementPath ? ` at ${elementPath}` : ''}: ${detail}`);
  }
}

/** The base definition (or a type a differential walks into) is not among the loaded definitions. */
export class UnknownBaseError extends SnapshotError {
  override name = 'UnknownBaseError';
  constructor(profileUrl: string, readonly baseUrl: string, elementPath?: string) {
    super(profileUrl, elementPath, `cannot find the definition ${baseUrl}`);
  }
}

/** A differential element whose path is not an element of the base. */
export class UnknownPathError extends SnapshotError {
  override name = 'UnknownPathError';
  constructor(profileUrl: string, elementPath: string, detail = 'no such element in the base') {
    super(profileUrl, elementPath, detail);
  }
}

/** A slice of an element that is not sliced, where FHIR has no default discriminator. */
export class MissingSlicingError extends SnapshotError {
  override name = 'MissingSlicingError';
  constructor(profileUrl: string, elementPath: string, sliceName: string) {
    super(profileUrl, elementPath, `slice '${sliceName}' of an element that has no slicing (no discriminator is defined)`);
  }
}

/** A derivation chain that comes back to itself (A's base is B, B's base is A). */
export class CyclicDerivationError extends SnapshotError {
  override name = 'CyclicDerivationError';
  constructor(readonly chain: string[]) {
    super(chain[0], undefined, `cyclic derivation: ${chain.join(' -> ')}`);
  }
}

/** A differential that loosens what its base allows (a type the base does not have). */
export class InvalidConstraintError extends SnapshotError {
  override name = 'InvalidConstraintError';
  constructor(profileUrl: string, elementPath: string, detail: string) {
    super(profileUrl, elementPath, detail);
  }
}

/** A StructureDefinition that has neither a snapshot nor a differential to build one from, or no base. */
export class MalformedDefinitionError extends SnapshotError {
  override name = 'MalformedDefinitionError';
}
