import type { Position, SourceMap } from '../validator/parse/source-map';

/** Finds where in a parsed JSON source the element of a FHIRPath expression was written. */
export type Locator = (expression: string) => Position | undefined;

const STEP = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$/;

/**
 * A Locator for `resource`, whose properties the source map knows. Expressions are simple paths
 * from the resource type, with indices (`ImagingSelection.instance[0].sopClass`), as the
 * converters write them; anything else is not located.
 */
export function locator(resource: object, sourceMap: SourceMap): Locator {
  return (expression) => {
    const steps = expression.split('.').slice(1);
    let container: unknown = resource;
    let position: Position | undefined;
    for (const step of steps) {
      const match = STEP.exec(step);
      if (!match || typeof container !== 'object' || container === null) return undefined;
      const [, key, index] = match;
      position = sourceMap.find(container, key, index === undefined ? undefined : Number(index));
      const value = (container as Record<string, unknown>)[key];
      container = index === undefined ? value : Array.isArray(value) ? value[Number(index)] : undefined;
    }
    return position;
  };
}
