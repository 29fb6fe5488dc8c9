// The validator playground in the browser: the project's own validator (src/validator), bundled by
// esbuild with the definitions it needs (validator-definitions.js sets IMGREF_DEFINITIONS first).
// Everything is shown with textContent: a pasted resource never becomes markup.
import { DefinitionStore } from '../../../definitions/definition-store';
import { createValidatorSync, type Validator } from '../../../validator/validator';
import type { PlaygroundDefinitions } from '../bundle';
import { issuesOf, type OperationOutcome } from '../../../validator/outcome/operation-outcome';

declare global {
  // eslint-disable-next-line no-var
  var IMGREF_DEFINITIONS: PlaygroundDefinitions | undefined;
}

/** The same store and validator as `imgref validate`, filled from the bundled data instead of files. */
function createValidator(): Validator {
  const store = new DefinitionStore();
  const bundled = globalThis.IMGREF_DEFINITIONS;
  for (const d of bundled?.core ?? []) store.addResource(d, 'validator-definitions.js', true);
  for (const d of bundled?.other ?? []) store.addResource(d, 'validator-definitions.js');
  return createValidatorSync({ definitions: store });
}

/** Lists the OperationOutcome's issues (line and column read back from its extensions). */
function render(outcome: OperationOutcome, out: HTMLElement, summary: HTMLElement): void {
  const issues = issuesOf(outcome);
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  summary.textContent = errors ? `${errors} error(s), ${warnings} warning(s): the resource is not valid.` : `No errors, ${warnings} warning(s): the resource is valid.`;
  summary.className = errors ? 'result result-fail' : 'result result-pass';
  out.replaceChildren();
  for (const issue of issues) {
    const row = document.createElement('tr');
    row.className = `severity-${issue.severity}`;
    for (const text of [issue.severity, issue.expression ?? '', issue.position ? `${issue.position.line}:${issue.position.col}` : '', issue.message]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    out.append(row);
  }
}

function start(): void {
  const input = document.getElementById('resource') as HTMLTextAreaElement;
  const results = document.getElementById('issues') as HTMLElement;
  const summary = document.getElementById('summary') as HTMLElement;
  const file = document.getElementById('file') as HTMLInputElement;
  let validator: Validator | undefined;
  const run = (fileName?: string) => {
    validator ??= createValidator();
    try {
      render(validator.validateSync(input.value, { fileName }), results, summary);
    } catch (e) {
      summary.textContent = `The validator failed: ${(e as Error).message}`;
      summary.className = 'result result-fail';
    }
  };
  const load = (f: File) => void f.text().then((text) => ((input.value = text), run(f.name)));
  document.getElementById('validate')?.addEventListener('click', () => run());
  file.addEventListener('change', () => file.files?.[0] && load(file.files[0]));
  input.addEventListener('dragover', (e) => e.preventDefault());
  input.addEventListener('drop', (e) => {
    const dropped = e.dataTransfer?.files?.[0];
    if (dropped) {
      e.preventDefault();
      load(dropped);
    }
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-example]')) {
    button.addEventListener('click', () => {
      const source = document.getElementById(`example-${button.dataset.example}`);
      input.value = source?.textContent ?? '';
      run();
    });
  }
  document.body.dataset.validatorReady = 'true';
}

start();
