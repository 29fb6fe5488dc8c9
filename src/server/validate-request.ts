import type { ValidationIssue } from '../validator/outcome/issue';
import { IssueCollector } from '../validator/outcome/issue-collector';
import { FhirXmlConverter } from '../validator/parse/fhir-xml';
import { readXml, XmlSyntaxError } from '../validator/parse/xml-reader';
import { ValidatorSetupError, type Validator } from '../validator/validator';

/** One `$validate` call as the HTTP layer hands it to a worker: the body as text, untouched. */
export interface ValidateRequest {
  body: string;
  format: 'json' | 'xml';
  /** `[type]/$validate`: the type the resource must have. */
  type?: string;
  /** `?profile=` on the URL. */
  profiles?: string[];
}

/** 200: the resource was validated (whatever it holds); 400: the request itself is unusable. */
export interface ValidateAnswer {
  status: 200 | 400;
  issues: ValidationIssue[];
}

// $validate modes (http://hl7.org/fhir/R5/resource-operation-validate.html): create, update and
// profile validate the resource as it is, which is all this validator does; delete needs a
// server's data, which it does not have.
const MODES = new Set(['create', 'update', 'profile']);

/**
 * Answers one `$validate`: a resource is validated from its text (so that positions point into the
 * body); a Parameters body is unpacked (`resource`, `profile`, `mode`) and its resource validated.
 */
export function answerValidate(validator: Validator, request: ValidateRequest): ValidateAnswer {
  if (!request.body.trim()) return bad('the request has no body: $validate needs a resource or a Parameters resource', 'server-body-empty');
  const unpacked = request.format === 'json' ? unpackJson(request.body) : unpackXml(validator, request.body);
  if ('status' in unpacked) return unpacked;
  const resource = unpacked.resource ?? request.body;
  const profiles = [...(request.profiles ?? []), ...(unpacked.profiles ?? [])];
  const type = unpacked.resourceType;
  if (request.type && type && type !== request.type) {
    return bad(`the resource is a ${type} but was posted to ${request.type}/$validate`, 'server-type-mismatch');
  }
  let issues: ValidationIssue[];
  try {
    issues = validator.issues(resource, { format: request.format, profiles });
  } catch (e) {
    // An unknown profile is the caller's mistake: a 400, as the HL7 validator's server answers.
    if (e instanceof ValidatorSetupError) return bad(e.message, 'server-profile-unknown', 'not-found');
    throw e;
  }
  // A body that is not JSON or XML at all is a bad request, not a resource with errors.
  const unreadable = issues.some((i) => i.rule === 'json-syntax' || i.rule === 'xml-syntax');
  return { status: unreadable ? 400 : 200, issues };
}

interface Unpacked {
  /** The resource from a Parameters body; undefined: validate the body text itself. */
  resource?: object;
  resourceType?: string;
  profiles?: string[];
}

function unpackJson(body: string): Unpacked | ValidateAnswer {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return {}; // the validator's own parser says where and why
  }
  if (!isObject(value)) return {};
  const resourceType = typeof value.resourceType === 'string' ? value.resourceType : undefined;
  if (resourceType !== 'Parameters') return { resourceType };
  return unpackParameters(value);
}

function unpackXml(validator: Validator, body: string): Unpacked | ValidateAnswer {
  let root;
  try {
    root = readXml(body);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return {};
    throw e;
  }
  if (root.name !== 'Parameters') return { resourceType: root.name };
  const out = new IssueCollector();
  const value = new FhirXmlConverter(validator.models, out).convertResource(root, '');
  if (!value) return bad('the Parameters resource cannot be read', 'server-parameters-invalid');
  return unpackParameters(value);
}

/** The `resource`, `profile` and `mode` parameters of `$validate`. */
function unpackParameters(parameters: Record<string, unknown>): Unpacked | ValidateAnswer {
  const list = Array.isArray(parameters.parameter) ? parameters.parameter.filter(isObject) : [];
  const named = (name: string) => list.filter((p) => p.name === name);
  const resources = named('resource');
  // A Parameters without a resource parameter is itself the resource to validate.
  if (!resources.length) return { resourceType: 'Parameters' };
  if (resources.length > 1) return bad('$validate takes one resource parameter', 'server-parameters-invalid');
  const resource = resources[0].resource;
  if (!isObject(resource)) return bad('the resource parameter has no resource', 'server-parameters-invalid');
  const profiles: string[] = [];
  for (const p of named('profile')) {
    const url = p.valueCanonical ?? p.valueUri;
    if (typeof url !== 'string') return bad('the profile parameter needs a valueCanonical', 'server-parameters-invalid');
    profiles.push(url);
  }
  for (const p of named('mode')) {
    const mode = (p.valueCode ?? (p.valueCodeableConcept as { coding?: { code?: unknown }[] } | undefined)?.coding?.[0]?.code) as unknown;
    if (typeof mode !== 'string' || !MODES.has(mode)) {
      return bad(`mode ${typeof mode === 'string' ? mode : '(none)'} is not supported: only create, update and profile`, 'server-mode-unsupported', 'not-supported');
    }
  }
  return { resource, resourceType: typeof resource.resourceType === 'string' ? resource.resourceType : undefined, profiles };
}

function bad(message: string, rule: string, code: ValidationIssue['code'] = 'invalid'): ValidateAnswer {
  return { status: 400, issues: [{ severity: 'error', code, message, rule }] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
