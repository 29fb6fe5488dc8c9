// Element ids the FHIR way (R5 elementdefinition.html#id): the path, with
// `:sliceName` after each sliced segment: `Observation.component:systolic.code.coding:loinc`.
// A re-slice names its slice `systolic/sub`: `Observation.component:systolic/sub`.
import type { ElementDefinition } from './types';

export interface IdSegment {
  name: string;
  sliceName?: string;
}

export function parseElementId(id: string): IdSegment[] {
  return id.split('.').map((part) => {
    const colon = part.indexOf(':');
    return colon < 0 ? { name: part } : { name: part.slice(0, colon), sliceName: part.slice(colon + 1) };
  });
}

export function formatElementId(segments: IdSegment[]): string {
  return segments.map((s) => (s.sliceName ? `${s.name}:${s.sliceName}` : s.name)).join('.');
}

/**
 * The id of each differential element: its own when it has one, otherwise derived from its path,
 * taking the slice names of the nearest earlier elements that open a slice on a prefix of it (the
 * order rule of differentials: a slice's children follow the slice).
 */
export function differentialIds(elements: ElementDefinition[]): string[] {
  const openSlices = new Map<string, string>(); // path -> id of the slice element last seen at that path
  return elements.map((element) => {
    const id = element.id ?? idFromPath(element, openSlices);
    const segments = parseElementId(id);
    // A new element at a path closes the slices opened at that path or below it.
    for (const path of [...openSlices.keys()]) {
      if (path === element.path || path.startsWith(`${element.path}.`)) openSlices.delete(path);
    }
    if (segments[segments.length - 1].sliceName) openSlices.set(element.path, id);
    return id;
  });
}

function idFromPath(element: ElementDefinition, openSlices: Map<string, string>): string {
  const names = element.path.split('.');
  for (let length = names.length; length > 0; length--) {
    const prefix = names.slice(0, length).join('.');
    const sliceId = length === names.length ? undefined : openSlices.get(prefix);
    if (sliceId) return [sliceId, ...names.slice(length)].join('.') + (element.sliceName ? `:${element.sliceName}` : '');
  }
  return element.path + (element.sliceName ? `:${element.sliceName}` : '');
}
