import type { DefinitionStore } from '../definitions/definition-store';
import { DefinitionSourceError } from '../definitions/errors';
import { loadPinnedDefinitions } from '../definitions/sources/project-definitions';
import { CORE_PACKAGE } from '../packages/fhir-package-cache';
import { SnapshotView, StructureDefinitionError, type StructureDefinition } from '../ig/structure-definition';

export class CoreDefinitionsError extends Error {
  override name = 'CoreDefinitionsError';
}

const CORE_URL = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * The StructureDefinitions of FHIR R5 core that the QA rules compare against (the Event pattern,
 * FiveWs, ImagingSelection): from the project's definitions store, filled with the pinned core
 * package (the FHIR package cache, where SUSHI reads it too, or else the npm dependency).
 */
export class CoreDefinitions {
  private readonly cache = new Map<string, SnapshotView>();

  constructor(readonly store: DefinitionStore) {}

  /** The pinned hl7.fhir.r5.core, found where every part of the project finds its packages. */
  static locate(): CoreDefinitions {
    try {
      return new CoreDefinitions(loadPinnedDefinitions({ only: [CORE_PACKAGE] }));
    } catch (e) {
      if (e instanceof DefinitionSourceError) throw new CoreDefinitionsError(e.message);
      throw e;
    }
  }

  /** A core StructureDefinition by its id (`Event`, `FiveWs`, `ImagingSelection`). */
  view(id: string): SnapshotView {
    let view = this.cache.get(id);
    if (!view) {
      const url = CORE_URL + id;
      let sd;
      try {
        sd = this.store.get(url);
      } catch (e) {
        throw new CoreDefinitionsError((e as Error).message);
      }
      if (sd?.resourceType !== 'StructureDefinition') throw new CoreDefinitionsError(`${url} is not in ${CORE_PACKAGE}`);
      try {
        view = new SnapshotView(sd as StructureDefinition);
      } catch (e) {
        if (e instanceof StructureDefinitionError) throw new CoreDefinitionsError(e.message);
        throw e;
      }
      this.cache.set(id, view);
    }
    return view;
  }
}
