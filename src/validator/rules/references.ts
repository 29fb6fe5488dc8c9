import { noteInternalReference } from './contained';
import { checkRelativeSyntax, conditionalType } from './reference-syntax';
import type { BundleIndex, ResourceFrame } from './resource-frame';
import { fromProfile, type ElementView, type ValidatorRule, type ValueEvent, type Walk } from './rule';

const LITERAL = /^(?:(.*\/))?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

function reference(e: ValueEvent, w: Walk): void {
  checkReference(e.value as Record<string, any>, e.views, e.frame, e.expression, w);
}

export const referencesRule: ValidatorRule = {
  name: 'references',
  ids: ['ref-contained', 'ref-bundle', 'BUNDLE_BUNDLE_ENTRY_NOTFOUND_CANNOT', 'BUNDLE_BUNDLE_ENTRY_NOTFOUND_APPARENT', 'ref-type', 'ref-target', 'Reference_REF_BadTargetType', 'REFERENCE_REF_QUERY_INVALID', 'REFERENCE_REF_QUERY_NOT_TRANSACTION', 'Reference_REF_Format1', 'Reference_REF_Format2'],
  checks: '`#id` names a contained resource; in a Bundle a reference resolves to an entry, relative ones against the base of their entry\'s fullUrl, conditional ones only in a transaction; the type is one targetProfile and Reference.type allow',
  spec: 'https://hl7.org/fhir/R5/references.html',
  hooks: { type: { Reference: reference } },
};

/**
 * A Reference: `#id` must name a contained resource; inside a Bundle, the reference resolves
 * against the entries' fullUrls; the type it points at must be one the `targetProfile`s of each
 * definition (the base's, a profile's) allow, resolved once whatever the number of definitions, and the
 * one `Reference.type` states ("If both Reference.type and Reference.reference are populated and
 * Reference.reference is a FHIR URL, both SHALL be consistent", https://hl7.org/fhir/R5/references.html#Reference).
 */
export function checkReference(ref: Record<string, any>, views: readonly ElementView[], frame: ResourceFrame, expression: string, w: Walk): void {
  const { models, out } = w;
  const literal = ref.reference;
  let targetType: string | undefined;
  const site = { container: ref, key: 'reference' };
  if (typeof literal === 'string') {
    const isResourceType = (name: string) => models.typeKind(name) === 'resource';
    if (literal.startsWith('#')) {
      noteInternalReference(frame, literal);
      const id = literal.slice(1);
      if (id === '') targetType = (frame.container ?? frame.resource).resourceType;
      else {
        const found = frame.contained?.get(id);
        if (!found) {
          out.add('error', 'not-found', `the reference "${literal}" does not resolve to a contained resource`, `${expression}.reference`, site, 'ref-contained');
          return;
        }
        targetType = found.resourceType;
      }
    } else if (checkRelativeSyntax(literal, frame, isResourceType, expression, site, out)) {
      // A conditional reference names its target by a search: no Type/id to look up or compare.
    } else if (frame.bundle) {
      const resolved = resolveInBundle(literal, frame);
      const astray = resolved && (frame.bundle.type === 'document' || frame.bundle.type === 'message') ? relativeAstray(literal, resolved, frame) : undefined;
      if (astray) {
        out.add('error', 'invalid', `Can't find '${literal}' in the bundle (${expression}). Note that there is a resource in the bundle with the same type and id, but it does not match because of the fullUrl based rules around matching relative references. ${astray}`, `${expression}.reference`, site, astray.startsWith('Found') ? 'BUNDLE_BUNDLE_ENTRY_NOTFOUND_CANNOT' : 'BUNDLE_BUNDLE_ENTRY_NOTFOUND_APPARENT');
        return;
      }
      if (resolved) targetType = resolved.resourceType;
      else if (literal.startsWith('urn:uuid:') || literal.startsWith('urn:oid:')) {
        out.add('error', 'not-found', `the reference "${literal}" does not resolve to an entry of the Bundle (no entry has this fullUrl)`, `${expression}.reference`, site, 'ref-bundle');
        return;
      } else {
        out.add('warning', 'not-found', `the reference "${literal}" does not resolve inside the Bundle`, `${expression}.reference`, site, 'ref-bundle');
      }
    }
    if (!targetType && !conditionalType(literal, isResourceType)) {
      const m = LITERAL.exec(literal);
      if (m) targetType = m[2];
    }
    if (targetType && !models.definitions.isKnownType(targetType)) {
      out.add('error', 'structure', `the reference "${literal}" names an unknown resource type ${targetType}`, `${expression}.reference`, site, 'ref-type');
      return;
    }
    if (targetType && typeof ref.type === 'string' && ref.type !== targetType) {
      out.add('error', 'structure', `Reference.type is ${ref.type}, but the reference "${literal}" is to a ${targetType}: they must agree`, expression, { container: ref, key: 'type' }, 'Reference_REF_BadTargetType');
    }
  }
  if (!targetType && typeof ref.type === 'string') targetType = ref.type;
  if (!targetType) return;
  let checked: string[] | undefined;
  for (const view of views) {
    const targetProfiles = view.type?.targetProfiles ?? [];
    if (targetProfiles.length === 0) continue;
    const allowed = targetProfiles.map((p) => models.typeOfProfile(p));
    if (allowed.includes('Resource') || allowed.includes(targetType)) continue;
    // A profile that restates its base's targets adds no second finding.
    const key = allowed.join(', ');
    if ((checked ??= []).includes(key)) continue;
    checked.push(key);
    out.add(
      'error',
      'structure',
      `a reference to ${targetType} is not allowed here; allowed: ${key}${fromProfile(view.node, w)}`,
      typeof literal === 'string' ? `${expression}.reference` : expression,
      { container: ref, key: typeof literal === 'string' ? 'reference' : undefined },
      'ref-target',
    );
  }
}

/** The resource a reference points at inside this resource (`#id`) or its Bundle, when it is there. */
export function resolveReference(literal: unknown, frame: ResourceFrame): Record<string, any> | undefined {
  if (typeof literal !== 'string') return undefined;
  if (literal.startsWith('#')) return literal === '#' ? (frame.container ?? frame.resource) : frame.contained?.get(literal.slice(1));
  return frame.bundle ? resolveInBundle(literal, frame) : undefined;
}

function resolveInBundle(literal: string, frame: ResourceFrame): Record<string, any> | undefined {
  const bundle = frame.bundle!;
  const direct = bundle.byFullUrl.get(literal);
  if (direct) return direct;
  const m = LITERAL.exec(literal);
  if (!m) return undefined;
  // A relative reference resolves against the server base of the entry's fullUrl (Bundle §3.3.1.4.1); entries here share one base.
  const typeAndId = `${m[2]}/${m[3]}`;
  return bundle.byTypeAndId.get(typeAndId) ?? fullUrlsByTail(bundle).get(typeAndId);
}

/** A RESTful fullUrl: `http(s)://…/Type/id`, whose base relative references in its resource resolve against. */
const RESTFUL = /^https?:\/\/\S*\/[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;

/**
 * A relative `Type/id` found in the Bundle only by the entry resource's type and id: "if the fullUrl for the bundle
 * entry containing the resource is a RESTful one, extract the [base] from the fullUrl and append the reference
 * ([type]/[id]) to it", else the reference is resolved as any relative URL against the fullUrl, which a `urn:uuid:`
 * cannot be (https://hl7.org/fhir/R5/bundle.html#references). So an entry found by type and id whose fullUrl is not
 * that URL is not the target. In a document or a message, whose references are to resolve within the Bundle
 * (https://hl7.org/fhir/R5/documents.html#content), the HL7 validator reports it (BUNDLE_BUNDLE_ENTRY_NOTFOUND_*),
 * and so do we; elsewhere the entry is taken as the target, as before (the reference may mean a server's). Returns what
 * went astray, for the message, or undefined when the reference resolves by the rules.
 */
function relativeAstray(literal: string, target: Record<string, any>, frame: ResourceFrame): string | undefined {
  const bundle = frame.bundle!;
  const m = LITERAL.exec(literal);
  if (!m || m[1] !== undefined || bundle.byFullUrl.get(literal) === target) return undefined;
  const source = frame.root;
  const fullUrl = bundle.fullUrlOf.get(source);
  const own = `${source.resourceType}/${source.id}`;
  const base = fullUrl && RESTFUL.test(fullUrl) && fullUrl.endsWith(`/${own}`) ? fullUrl.slice(0, fullUrl.length - own.length) : undefined;
  if (base !== undefined && bundle.byFullUrl.get(base + literal) === target) return undefined;
  const found = bundle.fullUrlOf.get(target) ?? '<missing>';
  return base === undefined ? `Found '${found}', but it doesn't match because of the source fullUrl '${fullUrl ?? '<missing>'}'` : `(must be '${base + literal}', but found '${found}')`;
}

const tails = new WeakMap<BundleIndex, Map<string, Record<string, any>>>();

/**
 * The entries by the last two segments of their fullUrl (`Patient/1` of `http://x.org/fhir/Patient/1`),
 * the first entry in Bundle order winning: a fullUrl ending in `/Type/id`, found by one lookup instead
 * of a scan of every fullUrl per reference. Built once per Bundle, when a reference first needs it.
 */
function fullUrlsByTail(bundle: BundleIndex): Map<string, Record<string, any>> {
  let byTail = tails.get(bundle);
  if (!byTail) {
    byTail = new Map();
    for (const [fullUrl, resource] of bundle.byFullUrl) {
      const last = fullUrl.lastIndexOf('/');
      if (last <= 0) continue;
      const tail = fullUrl.slice(fullUrl.lastIndexOf('/', last - 1) + 1);
      if (tail.length < fullUrl.length && !byTail.has(tail)) byTail.set(tail, resource);
    }
    tails.set(bundle, byTail);
  }
  return byTail;
}
