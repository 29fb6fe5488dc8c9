import { FileTooLargeError, NotRegularFileError, readRegularFile } from '../../validator/input/regular-file';
import { ModelRegistry } from '../../validator/model/model-registry';
import { IssueCollector } from '../../validator/outcome/issue-collector';
import { FhirXmlConverter } from '../../validator/parse/fhir-xml';
import { readXml, XmlSyntaxError } from '../../validator/parse/xml-reader';
import type { Definition, DefinitionStore } from '../definition-store';
import { DefinitionSourceError, NotRegularDefinitionError } from '../errors';

/** Above this a definition file is refused unread (the largest core definitions are a few MB). */
export const MAX_DEFINITION_BYTES = 64 * 1024 * 1024;

/**
 * Reads definition files, JSON or FHIR XML. XML goes through the validator's own FHIR XML
 * converter, which needs the StructureDefinitions of the core types: so XML is read against the
 * store being filled, once the core package is in it.
 */
export class DefinitionReader {
  private models?: ModelRegistry;

  constructor(private readonly store: DefinitionStore) {}

  /** A file's resource, by its extension (.xml is FHIR XML, anything else JSON); `undefined` for JSON that is not a resource. */
  readFile(file: string): Definition | undefined {
    // Regular files only, bounded while read (stat's size is not trusted), as for the inputs: a FIFO
    // or a link to /dev/zero in an --ig folder cannot hang the run.
    let text: string;
    try {
      text = readRegularFile(file, MAX_DEFINITION_BYTES).toString('utf8');
    } catch (e) {
      if (e instanceof NotRegularFileError) throw new NotRegularDefinitionError(e);
      if (e instanceof FileTooLargeError) throw new DefinitionSourceError(file, `larger than ${MAX_DEFINITION_BYTES / 1024 / 1024} MB`);
      const code = (e as NodeJS.ErrnoException).code;
      throw new DefinitionSourceError(file, code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (e as Error).message})`);
    }
    return this.parse(text, file, formatOf(file, text));
  }

  /** The resource of a text, JSON or FHIR XML; `source` names it in errors. */
  parse(text: string, source: string, format: 'json' | 'xml'): Definition | undefined {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return format === 'xml' ? this.parseXml(text, source) : parseJsonDefinition(text, source);
  }

  private parseXml(text: string, source: string): Definition | undefined {
    let root;
    try {
      root = readXml(text);
    } catch (e) {
      if (e instanceof XmlSyntaxError) throw new DefinitionSourceError(source, `not well-formed XML at line ${e.position.line}, column ${e.position.col}: ${e.message}`);
      throw e;
    }
    this.models ??= new ModelRegistry(this.store);
    // An example (a resource type without a canonical url) is never a definition: not converted,
    // so that a folder of XML examples, valid or not, loads as its JSON twin would.
    const model = this.models.typeModel(root.name);
    if (model?.kind === 'resource' && root.name !== 'Bundle' && !model.byPath.has(`${root.name}.url`)) return undefined;
    const out = new IssueCollector();
    const resource = new FhirXmlConverter(this.models, out).convertResource(root, '');
    const problem = out.issues.find((i) => i.severity === 'error' || i.severity === 'fatal');
    if (!resource || problem) {
      const where = problem?.position ? ` (line ${problem.position.line})` : '';
      throw new DefinitionSourceError(source, `not a FHIR XML resource: ${problem ? `${problem.expression ? `${problem.expression}: ` : ''}${problem.message}${where}` : 'unknown root element'}`);
    }
    return resource as Definition;
  }
}

/** A JSON text's resource; `undefined` when it is JSON but not a resource (an npm manifest, an index). */
export function parseJsonDefinition(text: string, source: string): Definition | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DefinitionSourceError(source, `not valid JSON: ${(e as Error).message}`);
  }
  const resource = value as Definition;
  return resource && typeof resource === 'object' && !Array.isArray(resource) && typeof resource.resourceType === 'string' ? resource : undefined;
}

/** .xml is XML, .json JSON; another name is told by its first character, as the validator does for its input. */
function formatOf(file: string, text: string): 'json' | 'xml' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.xml')) return 'xml';
  if (lower.endsWith('.json')) return 'json';
  return /^\uFEFF?\s*</.test(text.slice(0, 1024)) ? 'xml' : 'json';
}
