// The live preview's rebuild, in a worker thread: SUSHI (kept warm, its dependencies loaded
// once), the IG snapshots, the design review, the example validation and the site render all
// run here, so that the server on the main thread keeps answering while they do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { projectRoot } from '../../definitions/sources/project-root';
import { generatedResourcesDir } from '../../ig/generated-resources';
import { formatSushiMessage, SushiCompiler } from '../../ig/sushi-compiler';
import { writeSushiWarnings } from '../../ig/sushi-warnings';
import type { PreviewRequest, PreviewStatus } from './preview-status';

const { projectDir, outDir, date } = workerData as { projectDir: string; outDir: string; date?: string };
// Loaded at once, before the first edit: the first rebuild then takes seconds, not twenty.
const compiler = SushiCompiler.create(projectDir);
let core: import('../../review/core-definitions').CoreDefinitions | undefined;
compiler.catch(() => undefined); // reported by the rebuild that awaits it
// One renderer for the session, with the first build's date: it renders again only what an edit
// changed. Warmed now (it compares with the site on disk and writes nothing that is the same).
const { SiteRenderer } = require('../render-site') as typeof import('../render-site');
const renderer = new SiteRenderer({ projectDir, outDir, date: date ? new Date(date) : undefined });
const warm = renderer.render().catch(() => undefined); // a failure is reported by the first rebuild

async function rebuild(request: PreviewRequest): Promise<PreviewStatus> {
  const started = Date.now();
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await run();
    } finally {
      timings[name] = Date.now() - t;
    }
  };
  const status: PreviewStatus = { id: request.id, ok: true, sushi: [], review: { failed: [], messages: [] }, examples: { errors: 0, warnings: 0, report: '' }, changed: [], timings, ms: 0 };
  if (request.sushi) {
    const c = await step('sushi-load', () => compiler);
    const result = await step('sushi', () => c.compile());
    status.sushi = result.messages.filter((m) => m.level === 'error').map(formatSushiMessage);
    if (result.errors > 0) return { ...status, ok: false, ms: Date.now() - started };
    await step('write', () => {
      c.writeTo(result);
      writeSushiWarnings(projectDir, result.messages.filter((m) => m.level === 'warning').map(({ message, file, line }) => ({ message, file, line })));
      // Through require: the snapshot regeneration lives with the build scripts (npm run sushi).
      const { regenerateIgSnapshots } = require('../../../scripts/ig-snapshots') as typeof import('../../../scripts/ig-snapshots');
      // The FHIR packages are the kit's npm dependencies, not the IG project's: resolved from the kit.
      regenerateIgSnapshots(generatedResourcesDir(projectDir), projectRoot());
      (require('../../ig/publication') as typeof import('../../ig/publication')).publishGeneratedResources(projectDir);
    });
  }
  await step('review', () => {
    const { reviewDesign } = require('../../review/review') as typeof import('../../review/review');
    try {
      const { CoreDefinitions } = require('../../review/core-definitions') as typeof import('../../review/core-definitions');
      core ??= CoreDefinitions.locate();
      const { report } = reviewDesign({ projectDir, core });
      status.review.failed = report.summary.failed;
      status.review.messages = report.items.filter((i) => i.result === 'fail').flatMap((i) => i.messages.map((m) => `${i.id}: ${m}`));
    } catch (e) {
      status.review.failed = ['(review could not run)'];
      status.review.messages = [(e as Error).message];
    }
  });
  await step('examples', () => validateExamples(status));
  await step('site', async () => {
    await warm;
    try {
      const result = await renderer.render();
      status.changed = result.changed;
      status.rendered = result.rendered;
    } catch (e) {
      status.ok = false;
      status.sushi.push(`site: ${(e as Error).message}`);
    }
  });
  status.ok &&= status.review.failed.length === 0 && status.examples.errors === 0;
  return { ...status, ms: Date.now() - started };
}

async function validateExamples(status: PreviewStatus): Promise<void> {
  const { expandInputs, validateFile } = require('../../validator/input/input-files') as typeof import('../../validator/input/input-files');
  const { TextReporter } = require('../../validator/outcome/formatters/text') as typeof import('../../validator/outcome/formatters/text');
  const { isFailure } = require('../../validator/outcome/issue') as typeof import('../../validator/outcome/issue');
  let report = '';
  try {
    // The renderer's, shared with the QA page: made again when SUSHI has written other definitions.
    const validator = await renderer.projectValidator();
    const reporter = new TextReporter((text: string) => void (report += text), false);
    for (const file of expandInputs([generatedResourcesDir(projectDir)])) {
      await validateFile(validator, file, [], (issues) => {
        status.examples.errors += issues.filter(isFailure).length;
        status.examples.warnings += issues.filter((i) => i.severity === 'warning').length;
        reporter.issues(file, issues);
      });
      reporter.endFile();
    }
    reporter.end();
  } catch (e) {
    status.examples.errors += 1;
    report += `the examples could not be validated: ${(e as Error).message}\n`;
  }
  // The full report only when something is wrong: the console shows what to fix, not 20 warnings.
  status.examples.report = status.examples.errors ? report.split('\n').filter((l) => /\berror\b|fatal/.test(l)).join('\n') : '';
}

// One rebuild at a time (SUSHI's logger is global); the watcher queues the next one already.
parentPort!.on('message', (request: PreviewRequest) => {
  rebuild(request)
    .catch((e: Error): PreviewStatus => ({ id: request.id, ok: false, sushi: [`internal error: ${e.message}`], review: { failed: [], messages: [] }, examples: { errors: 0, warnings: 0, report: '' }, changed: [], timings: {}, ms: 0 }))
    .then((status) => parentPort!.postMessage(status));
});
