import type { ObjectEvent, ValidatorRule, Walk } from './rule';

/**
 * ele-1 natively: an element has a value or children. An object with only an `id` has neither, unless it is
 * the `_name` of a primitive that has a value (the object only adds to it).
 */
function object(e: ObjectEvent, w: Walk): void {
  if (e.isResourceRoot || e.hasValue || e.keys.length > 1 || e.keys[0] !== 'id') return;
  w.out.add('error', 'invariant', 'ele-1: all FHIR elements must have a @value or children', e.expression, e.site, 'ele-1');
}

export const elementContentRule: ValidatorRule = {
  name: 'element-content',
  ids: ['ele-1'],
  checks: 'ele-1: every element has a value or children (an id alone is not content)',
  spec: 'https://hl7.org/fhir/R5/element.html',
  hooks: { object },
};
