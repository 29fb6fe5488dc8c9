// The messages between the playground page and the validator's Web Worker.
import type { OperationOutcome } from '../../../validator/outcome/operation-outcome';

export type ToWorker =
  /** The definitions index (JSON text of PlaygroundIndex), first of all. */
  | { type: 'init'; index: string }
  /** A chunk of definitions the worker asked for: the JSON text of [row, definition][]. */
  | { type: 'chunk'; chunk: number; text: string }
  | { type: 'chunk-failed'; chunk: number; url: string }
  | { type: 'validate'; id: number; text: string; fileName?: string; profiles: string[] }
  /** Definitions to validate against, as `--ig` takes them: a package.tgz, or a JSON/XML conformance resource. */
  | { type: 'add'; id: number; name: string; bytes: ArrayBuffer };

export interface ProfileChoice {
  url: string;
  title: string;
}

export type FromWorker =
  | { type: 'need'; chunks: number[] }
  | { type: 'progress'; id: number; text: string; loaded: number; total: number }
  | { type: 'result'; id: number; outcome: OperationOutcome; ms: number }
  | { type: 'added'; id: number; name: string; count: number; profiles: ProfileChoice[] }
  | { type: 'failed'; id: number; message: string };

/** What the page offers scripts (the tests, the benchmark) as `globalThis.imgrefPlayground`: the validation of the Validate button. */
export interface PlaygroundApi {
  validate(text: string, fileName?: string, profiles?: string[]): Promise<{ outcome: OperationOutcome; ms: number }>;
  addDefinitions(name: string, content: string | ArrayBuffer): Promise<{ count: number; profiles: ProfileChoice[] }>;
}
