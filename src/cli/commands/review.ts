import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { MissingBuildError, ResourceFileError } from '../../ig/generated-resources';
import { StructureDefinitionError } from '../../ig/structure-definition';
import type { DesignReview } from '../../review/review';
import { UsageError } from '../errors';
import type { RegisterCommand } from './index';

// The review (YAML, Ajv, the core definitions) loads when `imgref review` runs, not on every
// start of `imgref`: `imgref validate` is timed from a cold start.
const reviewModules = () => ({
  ...(require('../../review/review') as typeof import('../../review/review')),
  ...(require('../../review/data') as typeof import('../../review/data')),
  ...(require('../../review/core-definitions') as typeof import('../../review/core-definitions')),
});

const FORMATS: Record<string, (review: DesignReview) => string> = {
  text: (review) => (require('../../review/format/text') as typeof import('../../review/format/text')).formatText(review),
  markdown: (review) => (require('../../review/format/markdown') as typeof import('../../review/format/markdown')).formatMarkdown(review),
  json: (review) => JSON.stringify(review.report, null, 2),
};

/** `imgref review`: checks every review decision and QA rule against the built definition. */
export const registerReview: RegisterCommand = (program: Command) => {
  program
    .command('review')
    .description('check the design review decisions and the resource-design QA rules against the built StructureDefinition (run `npm run build` first)')
    .addOption(new Option('--format <format>', 'report format').choices(Object.keys(FORMATS)).default('text'))
    .option('--definitions <dir>', 'folder of built definitions', path.join('fsh-generated', 'resources'))
    .action((opts: { format: string; definitions: string }) => {
      const { reviewDesign, reviewFails, ReviewDataError, CoreDefinitionsError } = reviewModules();
      let review: DesignReview;
      try {
        review = reviewDesign({ definitionsDir: path.resolve(opts.definitions) });
      } catch (e) {
        // Cannot run: no build, a broken definition or data file, no core package. One line, exit code 2.
        if (e instanceof MissingBuildError || e instanceof ResourceFileError || e instanceof ReviewDataError || e instanceof CoreDefinitionsError || e instanceof StructureDefinitionError) {
          throw new UsageError(e.message);
        }
        throw e;
      }
      console.log(FORMATS[opts.format](review));
      process.exitCode = reviewFails(review.report) ? 1 : 0;
    });
};
