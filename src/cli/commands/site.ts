import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors';
import type { RegisterCommand } from './index';
import { runValidate } from './validate';
import { generatedResourcesDir } from '../../ig/generated-resources';
// The renderer, server and watcher (marked, highlight.js, fhir-tool, tar, chokidar) load when
// `imgref site` runs, not on every start of `imgref`: `imgref validate` is timed from a cold start.
type SiteModules = typeof import('../../site/render-site') & typeof import('../../site/serve/static-server') & typeof import('../../site/serve/rebuild-watcher');
const site = (): SiteModules => ({
  ...(require('../../site/render-site') as typeof import('../../site/render-site')),
  ...(require('../../site/serve/static-server') as typeof import('../../site/serve/static-server')),
  ...(require('../../site/serve/rebuild-watcher') as typeof import('../../site/serve/rebuild-watcher')),
});

interface SiteCommandOptions {
  project: string;
  out?: string;
  serve?: boolean;
  watch?: boolean;
  port: string;
}

/** `imgref site`: renders the IG into output/; with --serve and --watch, the working group's preview. */
export const registerSite: RegisterCommand = (program: Command) => {
  program
    .command('site')
    .description('render the IG as a static site (IG Publisher page names) into output/, with package.tgz')
    .option('--project <dir>', 'the IG project (sushi-config.yaml, input/, fsh-generated/)', '.')
    .option('--out <dir>', 'the output folder (default: <project>/output)')
    .option('--serve', 'serve the site on http://127.0.0.1:<port>/ after building it')
    .option('--watch', 'rebuild (SUSHI, then the site) when input/ or sushi-config.yaml changes')
    .option('--port <port>', 'the port for --serve', '8080')
    .action(async (options: SiteCommandOptions) => {
      const projectDir = path.resolve(options.project);
      if (!fs.existsSync(path.join(projectDir, 'sushi-config.yaml'))) throw new UsageError(`${projectDir} has no sushi-config.yaml: not an IG project`);
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${options.port}"`);
      const outDir = path.resolve(options.out ?? path.join(projectDir, 'output'));
      // `npm run build` validates the examples before it renders; the preview (--watch) does the same itself.
      if (options.watch && !(await examplesValid(projectDir))) throw new UsageError('the examples do not validate (see above): the site was not built');
      const date = new Date();
      await build(projectDir, outDir, date);
      if (!options.serve && !options.watch) return;
      // The preview's rebuilds run in a worker (SUSHI kept warm), and the open pages hear of them.
      const preview = options.watch ? new (previewModules().PreviewChannel)() : undefined;
      if (options.watch) {
        const fshDir = path.join(projectDir, 'input', 'fsh') + path.sep;
        const config = path.join(projectDir, 'sushi-config.yaml');
        const { PreviewBuilder, consoleReport } = previewModules();
        const builder = new PreviewBuilder(projectDir, outDir, date);
        const watcher = new (site().RebuildWatcher)([path.join(projectDir, 'input'), config], async (changes) => {
          // Only FSH and the configuration need SUSHI; a page edit needs the render only.
          const sushi = [...changes].some((f) => f.startsWith(fshDir) || f === config);
          console.log(`imgref site: input changed, rebuilding${sushi ? ' (SUSHI first)' : ''}`);
          const status = await builder.rebuild(sushi);
          for (const line of consoleReport(status)) (status.ok ? console.log : console.error)(line);
          preview!.publish(status);
        });
        await watcher.start();
      }
      if (options.serve) {
        const { listen, createStaticServer } = site();
        const actual = await listen(createStaticServer(outDir, preview), port);
        console.log(`imgref site: serving ${outDir} at http://127.0.0.1:${actual}/ (Ctrl-C stops)`);
      }
      await new Promise<never>(() => undefined); // runs until interrupted
    });
};

const previewModules = () => ({
  ...(require('../../site/serve/preview-channel') as typeof import('../../site/serve/preview-channel')),
  ...(require('../../site/serve/preview-builder') as typeof import('../../site/serve/preview-builder')),
  ...(require('../../site/serve/preview-status') as typeof import('../../site/serve/preview-status')),
});

/** Errors that are the user's to fix (a missing build, a folder we may not replace): one line, exit 2. */
const USER_ERRORS = new Set(['SiteOutputError', 'IgConfigError', 'MissingBuildError', 'MissingPageError', 'InvalidResourceIdError']);

async function build(projectDir: string, outDir: string, date: Date): Promise<void> {
  const started = Date.now();
  const result = await site().renderSite({ projectDir, outDir, date }).catch((e: Error) => {
    throw USER_ERRORS.has(e.name) ? new UsageError(e.message) : e;
  });
  for (const warning of result.warnings) console.error(`imgref site: warning: ${warning}`);
  console.log(`imgref site: ${result.pages.length} pages and package.tgz (${result.packageFiles.length} files) in ${path.relative(process.cwd(), outDir) || '.'} (${Date.now() - started} ms)`);
}

/** `imgref validate fsh-generated/resources`, as the build runs it: the report on stdout, false when an example has an error. */
async function examplesValid(projectDir: string): Promise<boolean> {
  try {
    return (await runValidate([generatedResourcesDir(projectDir)], { ig: [], profile: [], format: 'text' })) === 0;
  } catch (e) {
    console.error(`imgref site: ${(e as Error).message}`);
    return false;
  }
}
