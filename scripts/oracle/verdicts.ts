// Comparing two validators' OperationOutcomes for one input: the verdict (any error or fatal issue?)
// and where the errors are (their FHIRPath expressions, written the same way).

export interface IssueLike {
  severity: string;
  code: string;
  expression?: string[];
  details?: { text?: string };
}

export interface OutcomeLike {
  issue?: IssueLike[];
}

export type Verdict = 'valid' | 'invalid';

export interface Comparison {
  ours: Verdict;
  theirs: Verdict;
  verdictAgrees: boolean;
  /** Error expressions both report, only we report, only the HL7 validator reports. */
  shared: string[];
  onlyOurs: string[];
  onlyTheirs: string[];
}

export function failures(outcome: OutcomeLike): IssueLike[] {
  return (outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal');
}

export function verdictOf(outcome: OutcomeLike): Verdict {
  return failures(outcome).length ? 'invalid' : 'valid';
}

/**
 * One spelling for an expression. The HL7 validator writes a choice element as `value.ofType(Reference)`
 * where we write `valueReference`, and an XML element as an XPath (`/f:ImagingReference/f:studyUid`);
 * both mean the same element. The resource itself is the root '': an issue with no expression (our syntax
 * errors), the bare resource type, or the HL7 validator's `(xml)` for a document that does not parse.
 */
export function normalizeExpression(expression: string | undefined): string {
  if (!expression || expression === '(xml)' || /^[A-Z][A-Za-z]*$/.test(expression)) return '';
  // The HL7 validator names a Bundle entry's resource in a comment: `Bundle.entry[0].resource/*Composition/c2*/.section[0]`.
  const plain = expression.replace(/\/\*.*?\*\//g, '');
  const path = /^\/f:/.test(plain) ? plain.slice(3).split('/f:').join('.') : plain;
  return path.replace(/\.(\w+)\.ofType\((\w)(\w*)\)/g, (_m, name: string, first: string, rest: string) => `.${name}${first.toUpperCase()}${rest}`);
}

/**
 * Where an issue is. The HL7 validator puts an unknown property on its parent, naming it in the message
 * ("Unrecognized property 'patient'"); we put it on the property itself. Counted as the property.
 */
export function issueLocations(issue: IssueLike): string[] {
  const unknown = /^Unrecognized property '([^']+)'/.exec(issue.details?.text ?? '');
  return (issue.expression?.length ? issue.expression : [undefined]).map((e) =>
    normalizeExpression(unknown && e && e !== '(xml)' ? `${e}${e.startsWith('/f:') ? '/f:' : '.'}${unknown[1]}` : e),
  );
}

function errorExpressions(outcome: OutcomeLike): Set<string> {
  return new Set(failures(outcome).flatMap(issueLocations));
}

export function compareOutcomes(ours: OutcomeLike, theirs: OutcomeLike): Comparison {
  const a = errorExpressions(ours);
  const b = errorExpressions(theirs);
  const oursVerdict = verdictOf(ours);
  const theirVerdict = verdictOf(theirs);
  return {
    ours: oursVerdict,
    theirs: theirVerdict,
    verdictAgrees: oursVerdict === theirVerdict,
    shared: [...a].filter((e) => b.has(e)).sort(),
    onlyOurs: [...a].filter((e) => !b.has(e)).sort(),
    onlyTheirs: [...b].filter((e) => !a.has(e)).sort(),
  };
}
