// Choice elements (`value[x]`). A differential may name one of the types directly
// (`Observation.valueQuantity`, R5 formats.html#choice): that is a type slice of
// `value[x]` named `valueQuantity`, sliced by type on `$this` (R5 profiling.html#slicing).
import type { ElementNode } from './element-tree';
import type { Slicing } from './types';

export function isChoice(node: ElementNode): boolean {
  return node.name.endsWith('[x]');
}

/** The choice child that `name` renames (`valueQuantity` → `value[x]`, type code `Quantity`). */
export function renamedChoice(children: ElementNode[], name: string): { child: ElementNode; typeCode: string } | undefined {
  for (const child of children) {
    if (!isChoice(child)) continue;
    const typeCode = choiceTypeCode(child, name);
    if (typeCode) return { child, typeCode };
  }
  return undefined;
}

/** The type a slice or renamed path (`valueQuantity`) of a choice element stands for, if one of its types. */
export function choiceTypeCode(choice: ElementNode, name: string): string | undefined {
  const stem = choice.name.slice(0, -3);
  if (!name.startsWith(stem) || name.length === stem.length) return undefined;
  const suffix = name.slice(stem.length);
  const codes = (choice.element.type ?? []).map((t) => t.code);
  return codes.find((code) => code === suffix || upperFirst(code) === suffix);
}

export function typeSliceName(choice: ElementNode, typeCode: string): string {
  return choice.name.slice(0, -3) + upperFirst(typeCode);
}

/** Type slicing as the HL7 tooling writes it: closed until a type is left without a slice. */
export function typeSlicing(): Slicing {
  return { discriminator: [{ type: 'type', path: '$this' }], ordered: false, rules: 'closed' };
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
