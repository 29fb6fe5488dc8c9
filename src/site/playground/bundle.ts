import * as fs from 'node:fs';
import * as path from 'node:path';
import { createValidatorSync } from '../../validator';
import type { Definition } from '../../definitions/definition-store';
import type { SiteModel } from '../site-model';

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
];

/** What validator-definitions.js holds: the core package's definitions apart, as the store marks them. */
export interface PlaygroundDefinitions {
  core: Definition[];
  other: Definition[];
}

/**
 * The definitions the playground needs: the IG's conformance resources, and every definition the
 * validator reads while it validates the IG's examples (the core types, resources and value sets
 * they use). Recorded by running the validator rather than guessed, so the browser validates the
 * examples exactly as `imgref validate` does; other resource types are unknown there.
 */
export function playgroundDefinitions(model: SiteModel): PlaygroundDefinitions {
  const validator = createValidatorSync();
  const registry = validator.models.definitions;
  const used = new Set<string>();
  const get = registry.get.bind(registry);
  // Records what the rules read; the registry has no other hook for it.
  registry.get = (url: string) => {
    const found = get(url);
    if (found) used.add(url.split('|')[0]);
    return found;
  };
  for (const example of model.ofKind('example')) validator.validateSync(example.resource);
  registry.get = get;
  for (const a of model.artifacts) if (typeof a.resource.url === 'string' && a.kind !== 'example') used.add(a.resource.url);
  // Narratives are for readers of the definitions, not for the validator: left out to save space.
  const out: PlaygroundDefinitions = { core: [], other: [] };
  for (const url of [...used].sort()) {
    const { text: _text, ...definition } = get(url) as Definition;
    (registry.isCore(url) ? out.core : out.other).push(definition as Definition);
  }
  return out;
}

/**
 * Bundles the validator with esbuild for the browser (src/site/playground/browser/main.ts) into
 * `validator.js`, and writes the definitions into `validator-definitions.js` (a script, not
 * JSON to fetch, so that the page works from disk).
 */
export async function writePlayground(model: SiteModel, assetsOut: string, sourceDir: string): Promise<void> {
  // esbuild is a devDependency: loaded only here, when the site is built.
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(sourceDir, 'playground', 'browser', 'main.ts')],
    outfile: path.join(assetsOut, 'validator.js'),
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
  fs.writeFileSync(path.join(assetsOut, 'validator-definitions.js'), `globalThis.IMGREF_DEFINITIONS = ${JSON.stringify(playgroundDefinitions(model))};\n`);
}
