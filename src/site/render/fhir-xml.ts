import { ParseConformance } from 'fhir-tool/parseConformance';
import { ConvertToXml } from 'fhir-tool/convertToXml';
import { js2xml } from 'xml-js';
import type { FhirResource } from '../../ig/generated-resources';
import type { CoreTypes } from '../core-types';

export class FhirXmlError extends Error {
  override name = 'FhirXmlError';
}

/**
 * FHIR JSON to FHIR XML, by fhir-tool (the converter SUSHI depends on), driven by the R5 core
 * definitions plus the IG's own, so that custom resource types (ImagingReference) convert too:
 * element order from the definitions, primitives as `value` attributes, `_x` extensions and ids
 * on primitives, the xhtml `div` kept as it is.
 */
export class FhirXmlSerializer {
  private readonly converter: { resourceToXML(resource: unknown): unknown };

  /** @param extra the IG's own StructureDefinitions */
  constructor(core: CoreTypes, extra: FhirResource[] = []) {
    const parser = new ParseConformance(false, 'R5' as never);
    const definitions = core.structureDefinitions.concat(
      // Only base definitions define elements: profiles, extensions and logical models are not types.
      extra.filter((r) => r.resourceType === 'StructureDefinition' && r.derivation !== 'constraint' && r.kind !== 'logical'),
    );
    for (const sd of definitions) parser.parseStructureDefinition(sd as never);
    // resourceToXML is typed private, but it is what convert() calls before its unindented
    // js2xml; calling it ourselves lets us indent the same tree for readers.
    this.converter = new ConvertToXml(parser) as unknown as { resourceToXML(resource: unknown): unknown };
  }

  toXml(resource: FhirResource): string {
    let tree: unknown;
    try {
      tree = this.converter.resourceToXML(resource);
    } catch (e) {
      // fhir-tool's messages run over several lines (position, character): the first says what is wrong.
      throw new FhirXmlError(`cannot write ${resource.resourceType}/${resource.id ?? '?'} as XML: ${String((e as Error).message).split('\n')[0].trim()}`);
    }
    // Indentation would add whitespace inside the narrative's mixed content, so each xhtml div
    // is written unindented, as fhir-tool writes it, and put back in place of a marker.
    const divs: string[] = [];
    replaceDivs(tree, divs);
    const xml = js2xml(tree as never, { spaces: 2 }).replace(/<!--@div(\d+)@-->/g, (_, i: string) => divs[Number(i)]);
    return xml + '\n';
  }
}

interface XmlNode {
  type?: string;
  name?: string;
  comment?: string;
  attributes?: Record<string, string>;
  elements?: XmlNode[];
}

function replaceDivs(node: unknown, divs: string[]): void {
  const elements = (node as XmlNode).elements;
  if (!elements) return;
  elements.forEach((child, i) => {
    if (child.type === 'element' && child.name === 'div' && child.attributes?.xmlns === 'http://www.w3.org/1999/xhtml') {
      divs.push(js2xml({ elements: [child] } as never));
      elements[i] = { type: 'comment', comment: `@div${divs.length - 1}@` };
    } else {
      replaceDivs(child, divs);
    }
  });
}
