// One corpus file compared: both verdicts, and the rules behind each side's errors (our rule ids,
// the HL7 validator's message ids), which is what the disagreements are sorted by.
import { compareOutcomes, failures, type Comparison, type OutcomeLike } from './verdicts';

export const MESSAGE_ID_URL = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';

export interface CorpusRow {
  file: string;
  bytes: number;
  comparison: Comparison;
  /** Rule ids of our errors, sorted, unique. */
  ourRules: string[];
  /** Message ids of the HL7 validator's errors, sorted, unique. */
  theirRules: string[];
  /** Each side's errors (id, message, where), for sorting the disagreements into categories. */
  ourErrors: ErrorSummary[];
  theirErrors: ErrorSummary[];
  /** Set when the HL7 validator gave no outcome. */
  missing?: string;
}

export interface ErrorSummary {
  id: string;
  text: string;
  expression?: string;
}

type IssueWithId = NonNullable<OutcomeLike['issue']>[number] & { extension?: { url: string; valueString?: string; valueCode?: string }[] };

/** The message id of an issue: ours in valueString, the HL7 validator's in valueCode. */
export function messageId(issue: IssueWithId): string {
  const ext = issue.extension?.find((e) => e.url === MESSAGE_ID_URL);
  const id = ext?.valueCode ?? ext?.valueString;
  if (id) return id;
  // An exception of the HL7 engine is caught by OracleRunner and has no id.
  return /^validator exception/.test(issue.details?.text ?? '') ? 'validator-exception' : '(no id)';
}

export function errorRules(outcome: OutcomeLike): string[] {
  return [...new Set(failures(outcome).map((i) => messageId(i as IssueWithId)))].sort();
}

function errorSummaries(outcome: OutcomeLike): ErrorSummary[] {
  return failures(outcome).map((i) => ({ id: messageId(i as IssueWithId), text: (i.details?.text ?? '').slice(0, 400), expression: i.expression?.[0] }));
}

export function compareCorpusFile(file: string, bytes: number, ours: OutcomeLike, theirs: OutcomeLike | undefined): CorpusRow {
  const comparison = compareOutcomes(ours, theirs ?? {});
  return {
    file,
    bytes,
    comparison,
    ourRules: errorRules(ours),
    theirRules: theirs ? errorRules(theirs) : [],
    ourErrors: errorSummaries(ours),
    theirErrors: theirs ? errorSummaries(theirs) : [],
    missing: theirs ? undefined : 'the HL7 validator returned no outcome',
  };
}
