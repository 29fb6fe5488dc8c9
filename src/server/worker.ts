// A validation worker thread (piscina): builds one validator when it starts, then answers tasks.
import { workerData } from 'node:worker_threads';
import { validateFile, validateNdjsonLine, type NdjsonText } from '../validator/input/input-files';
import type { ValidationIssue } from '../validator/outcome/issue';
import { createValidatorSync, ValidatorSetupError, type Validator } from '../validator/validator';
import { answerValidate, type ValidateAnswer, type ValidateRequest } from './validate-request';
import type { FileResult, WorkerSetup } from './validation-pool';

const setup = (workerData ?? {}) as WorkerSetup;
// Built once per thread: the definitions are indexed here, models compiled on first use. A setup
// mistake (a bad --ig or --profile) is kept and answered to the ping, so that the caller can say
// it in one line: an error thrown here would reach it without its class.
let validator: Validator | undefined;
let setupError: string | undefined;
try {
  validator = createValidatorSync({ igPaths: setup.igPaths, profiles: setup.profiles });
} catch (e) {
  if (!(e instanceof ValidatorSetupError)) throw e;
  setupError = e.message;
}

export type WorkerTask =
  | { kind: 'ping' }
  | { kind: 'request'; request: ValidateRequest }
  | { kind: 'file'; file: string; profiles: string[] }
  | { kind: 'lines'; lines: NdjsonText[]; profiles: string[] };

/** Answers a `$validate` request, or validates one file or a batch of NDJSON lines of a bulk run. */
export default async function run(task: WorkerTask): Promise<ValidateAnswer | FileResult | ValidationIssue[][] | { setupError?: string }> {
  if (task.kind === 'ping' || !validator) return { setupError };
  if (task.kind === 'request') return answerValidate(validator, task.request);
  if (task.kind === 'lines') return task.lines.map((line) => validateNdjsonLine(validator!, line, task.profiles));
  return validateFile(validator, task.file, task.profiles);
}
