import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SiteModel } from '../site-model';
import { playgroundChunks } from './definition-chunks';

/**
 * The browser's stand-ins for the modules the validator imports but never calls there. Only these:
 * anything else that reaches for the file system fails the bundling, so the validator core stays
 * free of it (the browser passes a ready store, `createValidatorSync({ definitions })`).
 */
const BROWSER_STUBS: { filter: RegExp; contents: string }[] = [
  // Only extname is called in the browser (to tell JSON from XML by a dropped file's name).
  { filter: /^node:path$/, contents: 'module.exports = { extname: (p) => (/\\.[^./]*$/.exec(p) || [""])[0] };' },
  // The node side of the definitions store (files, folders, package.tgz, the package cache).
  {
    filter: /[\\/]definitions[\\/]sources[\\/]project-definitions$/,
    contents: 'exports.loadProjectDefinitions = () => { throw new Error("no file system in the browser: pass a filled DefinitionStore as `definitions`"); };',
  },
  // The definition reader reads files through it; the browser only calls its parse() on text.
  {
    filter: /[\\/]validator[\\/]input[\\/]regular-file$/,
    contents: 'class NotRegularFileError extends Error {} class FileTooLargeError extends Error {} module.exports = { NotRegularFileError, FileTooLargeError, readRegularFile() { throw new Error("no file system in the browser"); } };',
  },
];

/** The files of the playground under assets/ (the page loads the first three; the chunks as the validator needs them). */
export const PLAYGROUND_FILES = {
  page: 'validator.js',
  worker: 'playground/worker-source.js',
  index: 'playground/index.js',
  chunk: (n: number) => `playground/chunk-${n}.js`,
  css: 'playground.css',
};

/** A JS string literal of a text, safe inside any script: `<` and the line separators escaped. */
const literal = (text: string) => JSON.stringify(text).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

async function bundle(entry: string): Promise<string> {
  // esbuild is a devDependency: loaded only here, when the site is built.
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    write: false,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    // fhirpath.js refers to Node's `global`.
    define: { global: 'globalThis' },
    plugins: [
      {
        name: 'browser-stubs',
        setup(build) {
          BROWSER_STUBS.forEach(({ filter }, i) => build.onResolve({ filter }, () => ({ path: String(i), namespace: 'browser-stub' })));
          build.onLoad({ filter: /.*/, namespace: 'browser-stub' }, (args) => ({ contents: BROWSER_STUBS[Number(args.path)].contents, loader: 'js' }));
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}

/**
 * Writes the playground into `assetsOut`: the page's script (validator.js), the validator worker
 * bundled by esbuild as a string (a worker is started from a blob of it: a worker script file
 * cannot be started from disk), the index of every definition `imgref validate` loads and their
 * chunks, all as scripts rather than JSON to fetch, so that the page works from file:// too.
 */
export async function writePlayground(_model: SiteModel, assetsOut: string, sourceDir: string): Promise<void> {
  const browserDir = path.join(sourceDir, 'playground', 'browser');
  fs.mkdirSync(path.join(assetsOut, 'playground'), { recursive: true });
  fs.writeFileSync(path.join(assetsOut, PLAYGROUND_FILES.page), await bundle(path.join(browserDir, 'main.ts')));
  fs.writeFileSync(path.join(assetsOut, PLAYGROUND_FILES.worker), `globalThis.IMGREF_WORKER = ${literal(await bundle(path.join(browserDir, 'worker.ts')))};\n`);
  fs.copyFileSync(path.join(sourceDir, 'playground', 'playground.css'), path.join(assetsOut, PLAYGROUND_FILES.css));
  const { index, chunks } = playgroundChunks();
  fs.writeFileSync(path.join(assetsOut, PLAYGROUND_FILES.index), `globalThis.IMGREF_INDEX = ${literal(JSON.stringify(index))};\n`);
  chunks.forEach((text, n) => fs.writeFileSync(path.join(assetsOut, PLAYGROUND_FILES.chunk(n)), `IMGREF_CHUNK(${n}, ${literal(text)});\n`));
}
