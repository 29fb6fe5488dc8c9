import * as path from 'node:path';
import type { DefinitionStore } from '../definitions/definition-store';
import { DefinitionSourceError } from '../definitions/errors';
import { loadProjectDefinitions } from '../definitions/sources/project-definitions';
import { MAX_INPUT_CHARS } from './input/limits';
import { TextInput } from './input/text-input';
export { TextInput };
import { InstanceWalker, type WalkerContext } from './instance-walker';
import { ConstraintEvaluator, type Disagreement, type InvariantEngine } from './invariants/constraint-evaluator';
export type { InvariantEngine };
import { extendedR5Model } from './invariants/fhirpath-model';
import type { StructureModel } from './model/element-node';
import { ModelRegistry } from './model/model-registry';
import { isFailure, type ValidationIssue } from './outcome/issue';
import { IssueCollector } from './outcome/issue-collector';
import { IssueLimit } from './outcome/issue-limit';
import { toOperationOutcome, type OperationOutcome } from './outcome/operation-outcome';
import { FhirXmlConverter } from './parse/fhir-xml';
import { JsonSyntaxError, parseJson, type ParsedJson } from './parse/json-parser';
import type { Position } from './parse/source-map';
import { encodingProblem } from './parse/xml-declaration';
import { readXml, XmlSyntaxError, type XmlElement } from './parse/xml-reader';
import { PrimitiveRules } from './rules/primitives';
import { ValueSetExpander } from './rules/value-set-expander';

export interface ValidatorOptions {
  /** Extra conformance resources (`--ig`): JSON or FHIR XML files, folders, package.tgz files, `id#version` packages. */
  igPaths?: string[];
  /** Profiles every resource is also validated against (`--profile`). */
  profiles?: string[];
  /** Load this project's IG (fsh-generated/resources) too; default true. */
  includeProjectIg?: boolean;
  /** FHIR package folders to load instead of the pinned ones. */
  packageDirs?: string[];
  /** The FHIR package cache where `id#version` sources are looked for; default FHIR_PACKAGE_CACHE, else ~/.fhir/packages. */
  cacheDir?: string;
  /**
   * A store already filled (the browser, a server): used as it is, no file is read; igPaths and
   * packageDirs cannot come with it (add those sources to the store). Without it the store is
   * loaded from the file system.
   */
  definitions?: DefinitionStore;
  /** Also run fhirpath.js on every constraint the fast compiler evaluates, and record disagreements (tests). */
  crossCheckFhirpath?: boolean;
  /**
   * `compiled` (default): constraints in the common FHIRPath subset run as compiled closures, the
   * rest on fhirpath.js. `fhirpath.js`: every constraint on fhirpath.js (the benchmark measures both).
   */
  invariantEngine?: InvariantEngine;
}

export interface ValidateOptions {
  /** Names the input in messages; its extension (.json, .xml) picks the format of text input. */
  fileName?: string;
  format?: 'json' | 'xml';
  /** Profiles to validate this input against, besides the validator's own. */
  profiles?: string[];
  /** For NDJSON: the line the text came from, so positions point into the whole file. */
  lineOffset?: number;
  /**
   * Bounds the issues listed across several calls (the lines of one NDJSON file); the caller then
   * adds its `summaries()`. Without one, each call has its own and its summaries are included.
   */
  issueLimit?: IssueLimit;
}

/** A problem with the validator's setup (unknown profile, unreadable IG path): a usage error. */
/** From this size a text handed over in a TextInput is parsed into strings of their own (JsonParseOptions.ownStrings). */
const OWN_STRINGS_FROM = 1 << 20;
const NOT_LATIN1 = /[^\u0000-\u00ff]/;

interface XmlEncoding {
  name?: string;
  position?: Position;
}

export class ValidatorSetupError extends Error {
  override name = 'ValidatorSetupError';
}

export { MAX_INPUT_CHARS };

/**
 * Validates FHIR R5 resources against the StructureDefinitions of the loaded packages and IG.
 * Built once (definitions indexed, models and FHIRPath compiled on first use), then used for any
 * number of resources.
 */
export class Validator {
  private readonly context: WalkerContext;
  private readonly profileModels: StructureModel[];

  constructor(readonly models: ModelRegistry, profiles: string[], crossCheckFhirpath = false, invariantEngine: InvariantEngine = 'compiled') {
    this.context = {
      models,
      primitives: new PrimitiveRules(models),
      expander: new ValueSetExpander(models.definitions),
      constraints: new ConstraintEvaluator(() => extendedR5Model(models.definitions), invariantEngine),
    };
    if (crossCheckFhirpath) this.context.constraints.disagreements = [];
    this.profileModels = profiles.map((p) => this.profileModel(p));
  }

  /** With `crossCheckFhirpath`: where the fast FHIRPath compiler and fhirpath.js disagreed. */
  get fhirpathDisagreements(): Disagreement[] | undefined {
    return this.context.constraints.disagreements;
  }

  /** Validates a resource (JSON object) or the text of one (JSON or XML). */
  async validate(resourceOrText: object | string | TextInput, options: ValidateOptions = {}): Promise<OperationOutcome> {
    return this.validateSync(resourceOrText, options);
  }

  validateSync(resourceOrText: object | string | TextInput, options: ValidateOptions = {}): OperationOutcome {
    return toOperationOutcome(this.issues(resourceOrText, options));
  }

  /** The findings as a list, in the order found. A TextInput's text is let go of once parsed (see TextInput). */
  issues(resourceOrText: object | string | TextInput, options: ValidateOptions = {}): ValidationIssue[] {
    const limit = options.issueLimit ?? new IssueLimit();
    const issues = this.issuesWithin(resourceOrText, options, limit);
    return options.issueLimit ? issues : [...issues, ...limit.summaries()];
  }

  private issuesWithin(input: object | string | TextInput, options: ValidateOptions, limit: IssueLimit): ValidationIssue[] {
    const profiles = options.profiles?.length ? [...this.profileModels, ...options.profiles.map((p) => this.profileModel(p))] : this.profileModels;
    if (typeof input !== 'string' && !(input instanceof TextInput)) {
      const out = new IssueCollector(undefined, undefined, { limit });
      this.walk(input, out, profiles);
      return out.issues;
    }
    // The text lives in read() only: what is walked is the parsed value.
    const read = this.read(input, options, limit);
    if (Array.isArray(read)) return read;
    return 'json' in read ? this.issuesOfJson(read.json, profiles, limit, options.lineOffset) : this.issuesOfXml(read.xml, read.encoding, profiles, limit);
  }

  /** Parses a text (taking it from a TextInput), or says why it cannot be read. */
  private read(input: string | TextInput, options: ValidateOptions, limit: IssueLimit): ValidationIssue[] | { json: ParsedJson } | { xml: XmlElement; encoding: XmlEncoding } {
    const owned = input instanceof TextInput;
    const text = owned ? input.take() : input;
    const base: Position | undefined = options.lineOffset ? { line: options.lineOffset, col: 1 } : undefined;
    if (text.length > MAX_INPUT_CHARS) {
      return admitted(limit, { severity: 'fatal', code: 'too-costly', message: `the input is larger than ${MAX_INPUT_CHARS / 1024 / 1024} MB and was not read`, position: base, rule: 'input-too-large' });
    }
    const format = options.format ?? formatOf(options.fileName, text);
    if (format === 'xml') {
      let encoding: XmlEncoding = {};
      try {
        const xml = readXml(text, { onXmlDeclaration: (d, position) => (encoding = { name: d.encoding, position }) });
        return { xml, encoding };
      } catch (e) {
        if (e instanceof XmlSyntaxError) return admitted(limit, { severity: 'fatal', code: 'invalid', message: e.message, position: e.position, rule: 'xml-syntax' });
        throw e;
      }
    }
    try {
      // Own strings only pay where slices would keep a large two-byte text alive after it was let go of.
      return { json: parseJson(text, { ownStrings: owned && text.length >= OWN_STRINGS_FROM && NOT_LATIN1.test(text) }) };
    } catch (e) {
      if (e instanceof JsonSyntaxError) return admitted(limit, { severity: 'fatal', code: 'invalid', message: e.message, position: shift(e.position, options.lineOffset), rule: 'json-syntax' });
      throw e;
    }
  }

  private issuesOfJson(parsed: ParsedJson, profiles: StructureModel[], limit: IssueLimit, lineOffset?: number): ValidationIssue[] {
    const out = new IssueCollector(parsed.sourceMap, undefined, { limit, lineOffset });
    for (const i of parsed.issues) out.push(i);
    // The walker tells where the objects with duplicate properties are (their FHIRPath expression).
    const tracked = parsed.issueContainers.size ? new Map([...parsed.issueContainers.values()].map((c) => [c, ''])) : undefined;
    this.walk(parsed.value, out, profiles, tracked);
    if (tracked) for (const [issue, container] of parsed.issueContainers) issue.expression = tracked.get(container) || undefined;
    return out.issues;
  }

  private issuesOfXml(root: XmlElement, encoding: XmlEncoding, profiles: StructureModel[], limit: IssueLimit): ValidationIssue[] {
    const converterOut = new IssueCollector();
    const badEncoding = encodingProblem(encoding.name);
    if (badEncoding) converterOut.add('error', 'invalid', badEncoding, undefined, { position: encoding.position }, 'xml_encoding_invalid');
    const converter = new FhirXmlConverter(this.context.models, converterOut);
    const resource = converter.convertResource(root, '');
    const out = new IssueCollector(converter.sourceMap, undefined, { limit });
    for (const i of converterOut.issues) out.push(i);
    if (resource) this.walk(resource, out, profiles);
    return out.issues;
  }

  private walk(resource: unknown, out: IssueCollector, profiles: StructureModel[], tracked?: Map<object, string>): void {
    const walker = new InstanceWalker(this.context, out, tracked);
    try {
      walker.validateResource(resource, '', {}, undefined, profiles);
    } catch (e) {
      if (e instanceof RangeError) {
        // Objects built in memory are not depth-checked by the parser: a cycle or absurd depth ends here.
        out.add('fatal', 'too-costly', `the resource is nested too deeply to validate (${e.message})`, undefined, undefined, 'input-too-deep');
        return;
      }
      // A rule that trips over an input it did not foresee still yields an outcome, not a crash.
      out.add('fatal', 'exception', `internal error while validating: ${(e as Error)?.message ?? String(e)}`, undefined, undefined, 'internal-error');
    }
  }

  private profileModel(url: string): StructureModel {
    const model = this.context.models.model(url);
    const failure = this.context.models.snapshotFailures.get(url);
    if (failure) throw new ValidatorSetupError(`profile ${url} cannot be used: its snapshot cannot be generated (${failure.message})`);
    if (!model) throw new ValidatorSetupError(`unknown profile ${url}: it is in none of the loaded packages or IG paths`);
    if (model.kind !== 'resource') throw new ValidatorSetupError(`${url} is not a profile of a resource`);
    return model;
  }

  /** True when any issue is an error or fatal. */
  static failed(issues: ValidationIssue[]): boolean {
    return issues.some(isFailure);
  }
}

/** The one issue of an input that could not be read, unless it repeats past the limit. */
function admitted(limit: IssueLimit, issue: ValidationIssue): ValidationIssue[] {
  return limit.admit(issue) ? [issue] : [];
}

function shift(p: Position, lineOffset?: number): Position {
  return lineOffset ? { line: p.line + lineOffset - 1, col: p.col } : p;
}

function formatOf(fileName: string | undefined, text: string): 'json' | 'xml' {
  const ext = fileName ? path.extname(fileName).toLowerCase() : '';
  if (ext === '.xml') return 'xml';
  if (ext === '.json') return 'json';
  const m = /^\s*(.)/.exec(text.slice(0, 1024));
  return m?.[1] === '<' ? 'xml' : 'json';
}

/**
 * Creates a validator: indexes the pinned FHIR packages (through their `.index.json`), this
 * project's IG output, and `igPaths` (src/definitions/sources); nothing else is read until a
 * resource needs it. With `definitions`, validates against that store and reads no file.
 */
export async function createValidator(options: ValidatorOptions = {}): Promise<Validator> {
  return createValidatorSync(options);
}

export function createValidatorSync(options: ValidatorOptions = {}): Validator {
  let definitions = options.definitions;
  if (definitions && (options.igPaths?.length || options.packageDirs)) {
    throw new ValidatorSetupError('definitions come either as a ready store or from igPaths and packageDirs, not both: add the sources to the store');
  }
  if (!definitions) {
    try {
      definitions = loadProjectDefinitions(options);
    } catch (e) {
      if (e instanceof DefinitionSourceError) throw new ValidatorSetupError(e.message, { cause: e });
      throw e;
    }
  }
  return new Validator(new ModelRegistry(definitions), options.profiles ?? [], options.crossCheckFhirpath, options.invariantEngine);
}
