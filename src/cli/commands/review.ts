import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { MissingBuildError, ResourceFileError } from '../../ig/generated-resources';
import { StructureDefinitionError } from '../../ig/structure-definition';
import { CoreDefinitionsError } from '../../review/core-definitions';
import { ReviewDataError } from '../../review/data';
import { formatMarkdown } from '../../review/format/markdown';
import { formatText } from '../../review/format/text';
import { reviewDesign, reviewFails, type DesignReview } from '../../review/review';
import { UsageError } from '../errors';
import type { RegisterCommand } from './index';

const FORMATS: Record<string, (review: DesignReview) => string> = {
  text: formatText,
  markdown: formatMarkdown,
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
