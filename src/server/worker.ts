// A validation worker thread (piscina): builds one validator when it starts, then answers tasks.
import { workerData } from 'node:worker_threads';
import { validateFile } from '../validator/input/input-files';
import { createValidatorSync } from '../validator/validator';
import { answerValidate, type ValidateAnswer, type ValidateRequest } from './validate-request';
import type { FileResult, WorkerSetup } from './validation-pool';

const setup = (workerData ?? {}) as WorkerSetup;
// Built once per thread: the definitions are indexed here, models compiled on first use.
const validator = createValidatorSync({ igPaths: setup.igPaths, profiles: setup.profiles });

export type WorkerTask = { kind: 'ping' } | { kind: 'request'; request: ValidateRequest } | { kind: 'file'; file: string; profiles: string[] };

/** Answers a `$validate` request, or validates one file of a bulk run. */
export default async function run(task: WorkerTask): Promise<ValidateAnswer | FileResult | undefined> {
  if (task.kind === 'ping') return undefined;
  if (task.kind === 'request') return answerValidate(validator, task.request);
  return validateFile(validator, task.file, task.profiles);
}
