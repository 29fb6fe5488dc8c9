import * as fs from 'node:fs';
import * as path from 'node:path';
import { CoreTypes } from './core-types';
import type { MenuItem } from './ig-config';
import { writeDownloads } from './package/downloads';
import { writeFhirPackage } from './package/fhir-package';
import { renderArtifactsPage } from './pages/artifacts-page';
import { renderDesignReviewPage } from './pages/design-review-page';
import { collectBuildIssues, renderQaPage } from './pages/qa-page';
import { withHomeMetadata } from './pages/home-metadata';
import { renderHistoryPage, renderTocPage } from './pages/guide-pages';
import { renderInstancePage } from './pages/instance-page';
import { renderMarkdownPage } from './pages/markdown-page';
import type { PageContent, PageContext } from './pages/page-context';
import { renderSearchParameterPage } from './pages/search-parameter-page';
import { renderStructureDefinitionPages } from './pages/structure-definition-page';
import { renderCodeSystemPage, renderValueSetPage } from './pages/terminology-pages';
import { renderValidatorPage } from './pages/validator-page';
import { writePlayground } from './playground/bundle';
import { DATA_FILE, loadDesignReview, reviewDesign, SCHEMA_FILE } from '../review';
import { createValidator } from '../validator/validator';
import { generatedResourcesDir } from '../ig/generated-resources';
import { FhirTurtleSerializer } from './render/fhir-turtle';
import { FhirXmlError, FhirXmlSerializer } from './render/fhir-xml';
import { renderLayout } from './render/layout';
import type { ResourceSources } from './render/source-views';
import { ValueSetPageExpander } from './terminology/expand-value-set';
import { SiteModel, type Artifact } from './site-model';
import { TypeLinker } from './structure/type-links';

export interface SiteOptions {
  /** The IG project: sushi-config.yaml, input/, fsh-generated/. */
  projectDir: string;
  /** Where the site goes; replaced as a whole. */
  outDir: string;
  /** The build time shown in the footer and the package manifest. */
  date?: Date;
}

export interface SiteResult {
  outDir: string;
  pages: string[];
  packageFiles: string[];
  /** What the site left out, and why (a narrative that fails the narrative rules). */
  warnings: string[];
}

export class SiteOutputError extends Error {
  override name = 'SiteOutputError';
}

/** Marks a folder as this renderer's output, so that a rebuild may replace it. */
const MARKER = '.imgref-site';

/**
 * Renders the IG into a static site: the IG Publisher's page names, relative links only, so that
 * it works from disk. The site is written to a fresh folder and moved into place at the end, so
 * that a server never serves half a site and a failed build leaves the last good one.
 */
export async function renderSite(options: SiteOptions): Promise<SiteResult> {
  const date = options.date ?? new Date();
  const outDir = path.resolve(options.outDir);
  guardOutDir(outDir, path.resolve(options.projectDir));
  const model = SiteModel.load(options.projectDir);
  const core = CoreTypes.forProject();
  const xml = new FhirXmlSerializer(core, model.ofKind('resource', 'logical', 'datatype').map((a) => a.resource));
  const turtle = new FhirTurtleSerializer([...core.structureDefinitions, ...model.ofKind('resource', 'logical', 'datatype').map((a) => a.resource)]);
  const sourceCache = new Map<Artifact, ResourceSources>();
  const warnings: string[] = [];
  // A resource that is not XML-able (a narrative with a malformed comment) still gets its page, without the XML.
  const xmlOf = (artifact: Artifact): Pick<ResourceSources, 'xml' | 'xmlProblem'> => {
    try {
      return { xml: xml.toXml(artifact.resource) };
    } catch (e) {
      if (!(e instanceof FhirXmlError)) throw e;
      warnings.push(`${artifact.page}: no XML view (${e.message})`);
      return { xmlProblem: e.message };
    }
  };
  const ctx: PageContext = {
    model,
    warn: (message) => warnings.push(message),
    linker: new TypeLinker(model, core),
    terminology: new ValueSetPageExpander(model.artifacts.map((a) => a.resource)),
    sources(artifact) {
      let s = sourceCache.get(artifact);
      if (!s) {
        s = { json: JSON.stringify(artifact.resource, null, 2) + '\n', ...xmlOf(artifact), ttl: turtle.toTurtle(artifact.resource, model.config.canonical) };
        sourceCache.set(artifact, s);
      }
      return s;
    },
  };

  const pages: PageContent[] = [
    ...model.config.pages.map((p) => withHomeMetadata(renderMarkdownPage(p, options.projectDir), ctx)),
    ...model.ofKind('resource', 'logical', 'profile', 'datatype', 'extension').flatMap((a) => renderStructureDefinitionPages(a, ctx)),
    ...model.ofKind('value-set').map((a) => renderValueSetPage(a, ctx)),
    ...model.ofKind('code-system').map((a) => renderCodeSystemPage(a, ctx)),
    ...model.ofKind('search-parameter').map((a) => renderSearchParameterPage(a, ctx)),
    ...model.ofKind('example').map((a) => renderInstancePage(a, ctx)),
    renderArtifactsPage(ctx),
    renderTocPage(ctx),
    renderHistoryPage(ctx),
  ];
  // Pages only this renderer makes (the IG Publisher has no such page kinds): after the IG's menu.
  const extras: PageContent[] = [];
  if (fs.existsSync(path.join(options.projectDir, DATA_FILE))) {
    const data = loadDesignReview(path.join(options.projectDir, DATA_FILE), path.join(options.projectDir, SCHEMA_FILE));
    extras.push(renderDesignReviewPage(reviewDesign({ projectDir: options.projectDir, data }), data.definition, ctx));
  }
  extras.push(renderValidatorPage(ctx));
  pages.push(...extras);
  // Last: the QA page lists what the other pages reported too.
  const validator = await createValidator({ includeProjectIg: false, igPaths: [generatedResourcesDir(options.projectDir)] });
  pages.push(renderQaPage(collectBuildIssues(ctx, (r) => validator.issues(r), warnings)));
  const menu: MenuItem[] = [...model.config.menu, ...extras.map((p) => ({ label: p.title, href: p.name }))];

  const staging = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.join(staging, 'assets'), { recursive: true });
  try {
    fs.writeFileSync(path.join(staging, MARKER), 'Written by `imgref site`; replaced on every build.\n');
    const generated = date.toISOString().replace(/\.\d+Z$/, 'Z');
    for (const page of pages) {
      fs.writeFileSync(path.join(staging, page.name), renderLayout({ config: model.config, menu, page: page.name, title: page.title, body: page.body, head: page.head, inlineScripts: page.inlineScripts, workers: page.workers, generated }));
    }
    for (const a of model.artifacts) {
      const s = ctx.sources(a);
      const base = path.join(staging, `${a.resource.resourceType}-${a.resource.id}`);
      fs.writeFileSync(`${base}.json`, s.json);
      if (s.xml !== undefined) fs.writeFileSync(`${base}.xml`, s.xml);
      if (s.ttl !== undefined) fs.writeFileSync(`${base}.ttl`, s.ttl);
    }
    copyAssets(path.join(staging, 'assets'));
    await writePlayground(model, path.join(staging, 'assets'), path.join(assetsDir(), '..'));
    const packageFiles = await writeFhirPackage(model, path.join(staging, 'package.tgz'), date);
    writeDownloads(model, staging, date);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(staging, outDir);
    return { outDir, pages: pages.map((p) => p.name), packageFiles, warnings };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Never replace a folder that is not ours: the project itself, or one with other files in it. */
function guardOutDir(outDir: string, projectDir: string): void {
  if (projectDir === outDir || projectDir.startsWith(outDir + path.sep)) throw new SiteOutputError(`the output folder ${outDir} holds the project: choose another`);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length && !fs.existsSync(path.join(outDir, MARKER))) {
    throw new SiteOutputError(`${outDir} exists and was not written by \`imgref site\`: not replacing it`);
  }
}

/** The stylesheet of the site, and highlight.js's GitHub theme for the JSON and XML. */
function copyAssets(dir: string): void {
  for (const file of ['site.css', 'favicon.svg']) fs.copyFileSync(path.join(assetsDir(), file), path.join(dir, file));
  fs.copyFileSync(require.resolve('highlight.js/styles/github.css'), path.join(dir, 'highlight.css'));
}

/** src/site/assets, from the TypeScript sources and from the compiled dist/ alike. */
export function assetsDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'src', 'site', 'assets');
  }
  throw new SiteOutputError('cannot find the site assets (src/site/assets)');
}
