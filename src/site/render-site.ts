import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../definitions/sources/project-root';
import { CoreTypes } from './core-types';
import type { MenuItem } from './ig-config';
import { downloadFiles } from './package/downloads';
import { writeFhirPackage } from './package/fhir-package';
import { renderArtifactsPage } from './pages/artifacts-page';
import { renderDesignReviewPage } from './pages/design-review-page';
import { renderHistoryPage, renderTocPage } from './pages/guide-pages';
import { withHomeMetadata } from './pages/home-metadata';
import { renderInstancePage } from './pages/instance-page';
import { renderMarkdownPage } from './pages/markdown-page';
import type { PageContent, PageContext } from './pages/page-context';
import { collectBuildIssues, renderQaPage } from './pages/qa-page';
import { renderSearchParameterPage } from './pages/search-parameter-page';
import { renderStructureDefinitionPages } from './pages/structure-definition-page';
import { renderCodeSystemPage, renderValueSetPage } from './pages/terminology-pages';
import { renderValidatorPage } from './pages/validator-page';
import { PLAYGROUND_FILES, writePlayground } from './playground/bundle';
import { DATA_FILE, loadDesignReview, reviewDesign, SCHEMA_FILE } from '../review';
import { generatedResourcesDir } from '../ig/generated-resources';
import { readSushiWarnings } from '../ig/sushi-warnings';
import { createValidator, type Validator } from '../validator/validator';
import { FhirTurtleSerializer } from './render/fhir-turtle';
import { FhirXmlError, FhirXmlSerializer } from './render/fhir-xml';
import { renderLayout } from './render/layout';
import type { ResourceSources } from './render/source-views';
import { ValueSetPageExpander } from './terminology/expand-value-set';
import { digest, InputRecorder } from './page-inputs';
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

/** A site page to render: `id` names it across renders (the cache key of its content). */
interface PageJob {
  id: string;
  /** One page, or several (a StructureDefinition's tabs are pages of their own). */
  render: () => PageContent | PageContent[];
  /** Files the page reads besides the model (a Markdown source): their content is part of its inputs. */
  files?: string[];
  /** Its inputs are not recorded (the design review reads the whole project): rendered every time. */
  always?: boolean;
  /** A page only this renderer makes: listed in the menu after the IG's own. */
  extra?: boolean;
}

export interface RenderResult extends SiteResult {
  /** Site files (relative, with /) whose content changed on disk. */
  changed: string[];
  /** The pages whose content was rendered (not reused from the last render). */
  rendered: string[];
}

/**
 * Renders the IG into a static site: the IG Publisher's page names, relative links only, so that
 * it works from disk. The site is written to a fresh folder and moved into place at the end, so
 * that a server never serves half a site and a failed build leaves the last good one.
 */
export async function renderSite(options: SiteOptions): Promise<SiteResult> {
  return new SiteRenderer(options).render({ incremental: false });
}

/**
 * The renderer kept warm by the live preview: a page is rendered again only when an input it read
 * (an artifact's resource, a page source, the site's index or configuration) changed, the
 * playground only when the definitions changed, and only files whose content changed are
 * written. An incremental render writes exactly what a full render writes (tests/site/serve).
 */
export class SiteRenderer {
  private readonly projectDir: string;
  private readonly outDir: string;
  private readonly date: Date;
  private core: CoreTypes | undefined;
  private readonly pageCache = new Map<string, { key: string; read: Set<string>; content: PageContent[]; warnings: string[] }>();
  private readonly sourceCache = new Map<string, { sources: ResourceSources; warning?: string }>();
  private playground: { key: string; files: Map<string, Buffer> } | undefined;
  /** The validator of the built definitions (projectValidator), with the digest of what it was made from. */
  private builtValidator: { key: string; validator: Validator } | undefined;
  /** What is on disk, by digest: read from the folder before the first incremental render. */
  private written: Map<string, string> | undefined;

  /** `date` is the build time in every page's footer and the package: one per preview session, so that unchanged pages stay unchanged. */
  constructor(options: SiteOptions) {
    this.projectDir = options.projectDir;
    this.outDir = path.resolve(options.outDir);
    this.date = options.date ?? new Date();
  }

  async render(options: { incremental: boolean } = { incremental: true }): Promise<RenderResult> {
    guardOutDir(this.outDir, path.resolve(this.projectDir));
    const model = SiteModel.load(this.projectDir);
    const recorder = new InputRecorder(model);
    const core = (this.core ??= CoreTypes.forProject());
    const warnings = new Set<string>();
    let pageWarnings: string[] | undefined;
    const warn = (message: string) => {
      warnings.add(message);
      pageWarnings?.push(message);
    };
    const xmlTypes = model.ofKind('resource', 'logical', 'datatype');
    const xmlKey = xmlTypes.map((a) => recorder.hashOf(a)).join();
    let xml: FhirXmlSerializer | undefined;
    let turtle: FhirTurtleSerializer | undefined;
    let terminology: ValueSetPageExpander | undefined;
    const usedSources = new Set<string>();
    const sourcesOf = (artifact: Artifact): ResourceSources => {
      recorder.reads([artifact, ...xmlTypes]);
      const key = `${recorder.hashOf(artifact)} ${xmlKey} ${model.config.canonical}`;
      usedSources.add(key);
      let entry = this.sourceCache.get(key);
      if (!entry) {
        entry = { sources: { json: JSON.stringify(artifact.resource, null, 2) + '\n' } };
        // A resource that is not XML-able (a narrative with a malformed comment) still gets its page, without the XML.
        try {
          xml ??= new FhirXmlSerializer(core, xmlTypes.map((a) => a.resource));
          entry.sources.xml = xml.toXml(artifact.resource);
        } catch (e) {
          if (!(e instanceof FhirXmlError)) throw e;
          entry.sources.xmlProblem = e.message;
          entry.warning = `no XML view (${e.message})`;
        }
        turtle ??= new FhirTurtleSerializer([...core.structureDefinitions, ...xmlTypes.map((a) => a.resource)]);
        entry.sources.ttl = turtle.toTurtle(artifact.resource, model.config.canonical);
        this.sourceCache.set(key, entry);
      }
      if (entry.warning) warn(`${artifact.page}: ${entry.warning}`);
      return entry.sources;
    };
    const ctx: PageContext = {
      model,
      warn,
      linker: new TypeLinker(model, core),
      // Built from every resource: a page that expands a value set read them all.
      get terminology() {
        recorder.reads(model.artifacts);
        return (terminology ??= new ValueSetPageExpander(model.artifacts.map((a) => a.resource)));
      },
      sources: sourcesOf,
    };

    const rendered: string[] = [];
    const pages: { content: PageContent; extra?: boolean }[] = [];
    const validator = await this.projectValidator();
    // The QA page comes last: it lists what the other pages reported too.
    const qa = () => renderQaPage(collectBuildIssues(ctx, (r) => validator.issues(r), [...warnings], readSushiWarnings(this.projectDir)));
    const jobs = pageJobs(model, ctx, this.projectDir, qa);
    for (const id of this.pageCache.keys()) if (!jobs.some((j) => j.id === id)) this.pageCache.delete(id);
    for (const job of jobs) {
      pageWarnings = [];
      let entry = this.pageCache.get(job.id);
      if (!entry || job.always || entry.key !== recorder.key(entry.read, job.files)) {
        const { value, read } = recorder.record(job.render);
        const content = Array.isArray(value) ? value : [value];
        entry = { key: recorder.key(read, job.files), read, content, warnings: pageWarnings };
        this.pageCache.set(job.id, entry);
        rendered.push(...content.map((c) => c.name));
      } else {
        for (const w of entry.warnings) warn(w);
      }
      pageWarnings = undefined;
      for (const content of entry.content) pages.push({ content, extra: job.extra });
    }
    const menu: MenuItem[] = [...model.config.menu, ...pages.filter((p) => p.extra).map((p) => ({ label: p.content.title, href: p.content.name }))];

    const playground = await this.playgroundFiles(model, options.incremental);
    const files = new Map<string, string | Buffer>();
    // The playground's key too: a preview started on this folder takes its playground as it is.
    files.set(MARKER, `Written by \`imgref site\`; replaced on every build.\nplayground ${playground.key}\n`);
    const generated = this.date.toISOString().replace(/\.\d+Z$/, 'Z');
    for (const { content: page } of pages) {
      files.set(page.name, renderLayout({ config: model.config, menu, page: page.name, title: page.title, body: page.body, head: page.head, inlineScripts: page.inlineScripts, workers: page.workers, generated }));
    }
    for (const a of model.artifacts) {
      const s = sourcesOf(a);
      const base = `${a.resource.resourceType}-${a.resource.id}`;
      files.set(`${base}.json`, s.json);
      if (s.xml !== undefined) files.set(`${base}.xml`, s.xml);
      if (s.ttl !== undefined) files.set(`${base}.ttl`, s.ttl);
    }
    for (const file of ['site.css', 'favicon.svg']) files.set(`assets/${file}`, fs.readFileSync(path.join(assetsDir(), file)));
    files.set('assets/highlight.css', fs.readFileSync(require.resolve('highlight.js/styles/github.css')));
    for (const [name, data] of playground.files) files.set(`assets/${name}`, data);
    const { value: packageFiles, data: tgz } = await inTempDir((dir) => writeFhirPackage(model, path.join(dir, 'package.tgz'), this.date), 'package.tgz');
    files.set('package.tgz', tgz);
    // Last: full-ig.zip holds every file above.
    for (const [name, data] of downloadFiles(model, files, this.date)) files.set(name, data);

    // A long preview session keeps only what this render used.
    for (const key of this.sourceCache.keys()) if (!usedSources.has(key)) this.sourceCache.delete(key);
    const changed = options.incremental && fs.existsSync(path.join(this.outDir, MARKER)) ? this.writeChanged(files) : this.writeAll(files);
    return { outDir: this.outDir, pages: pages.map((p) => p.content.name), packageFiles, warnings: [...warnings], changed, rendered };
  }

  /**
   * The validator of the project's built definitions: the QA page judges the IG's resources with it, and the
   * live preview its examples. Made again only when fsh-generated/resources changes.
   */
  async projectValidator(): Promise<Validator> {
    const dir = generatedResourcesDir(this.projectDir);
    const key = digest(fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((f) => `${f}=${digest(fs.readFileSync(path.join(dir, f)))}`).join('\n') : '');
    if (this.builtValidator?.key !== key) this.builtValidator = { key, validator: await createValidator({ includeProjectIg: false, igPaths: [dir] }) };
    return this.builtValidator.validator;
  }

  /**
   * The playground's scripts and definition chunks: the same as long as the definitions that
   * `imgref validate` loads are (the kit's fsh-generated/, read by loadProjectDefinitions).
   */
  private async playgroundFiles(model: SiteModel, adopt: boolean): Promise<{ key: string; files: Map<string, Buffer> }> {
    const igDir = path.join(projectRoot(), 'fsh-generated', 'resources');
    const parts = fs.existsSync(igDir) ? fs.readdirSync(igDir).sort().map((f) => `${f}=${digest(fs.readFileSync(path.join(igDir, f)))}`) : [];
    const key = digest(parts.join('\n'));
    // The preview's first render, on the folder that `imgref site` has just written from the same definitions.
    if (!this.playground && adopt && readIfExists(path.join(this.outDir, MARKER))?.includes(`playground ${key}\n`)) {
      const assets = readTree(path.join(this.outDir, 'assets'));
      const own = [...assets].filter(([name]) => name.startsWith('playground/') || name === PLAYGROUND_FILES.page || name === PLAYGROUND_FILES.css);
      if (own.some(([name]) => name === PLAYGROUND_FILES.page)) this.playground = { key, files: new Map(own) };
    }
    if (this.playground?.key !== key) {
      const files = await inTempDir(async (dir) => {
        await writePlayground(model, dir, path.join(assetsDir(), '..'));
        return readTree(dir);
      });
      this.playground = { key, files: files.value };
    }
    return this.playground;
  }

  /** The whole site into a fresh folder, moved into place at the end. */
  private writeAll(files: Map<string, string | Buffer>): string[] {
    const staging = `${this.outDir}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    try {
      for (const [name, data] of files) {
        fs.mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
        fs.writeFileSync(path.join(staging, name), data);
      }
      fs.rmSync(this.outDir, { recursive: true, force: true });
      fs.renameSync(staging, this.outDir);
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    this.written = new Map([...files].map(([name, data]) => [name, digest(data)]));
    return [...files.keys()];
  }

  /** Only the files whose content differs from what is on disk, each replaced by a rename; files the site no longer has are removed. */
  private writeChanged(files: Map<string, string | Buffer>): string[] {
    const written = (this.written ??= new Map([...readTree(this.outDir)].map(([name, data]) => [name, digest(data)])));
    const changed: string[] = [];
    for (const [name, data] of files) {
      const hash = digest(data);
      if (written.get(name) === hash) continue;
      const file = path.join(this.outDir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.tmp-${process.pid}`, data);
      fs.renameSync(`${file}.tmp-${process.pid}`, file);
      written.set(name, hash);
      changed.push(name);
    }
    for (const name of [...written.keys()]) {
      if (files.has(name)) continue;
      fs.rmSync(path.join(this.outDir, name), { force: true });
      written.delete(name);
      changed.push(name);
    }
    return changed;
  }
}

/**
 * Every page of the site, in the order of the site's page list. A new page kind goes here, as a
 * job with a stable id; what it reads of the model is recorded, so it needs no list of inputs.
 */
function pageJobs(model: SiteModel, ctx: PageContext, projectDir: string, qa: () => PageContent): PageJob[] {
  const artifactJob = (render: (a: Artifact, ctx: PageContext) => PageContent | PageContent[]) => (a: Artifact): PageJob => ({ id: a.page, render: () => render(a, ctx) });
  const jobs: PageJob[] = [
    ...model.config.pages.map((p) => ({ id: `page:${p.name}`, render: () => withHomeMetadata(renderMarkdownPage(p, projectDir), ctx), files: [markdownSource(p, projectDir)] })),
    ...model.ofKind('resource', 'logical', 'profile', 'datatype', 'extension').map(artifactJob(renderStructureDefinitionPages)),
    ...model.ofKind('value-set').map(artifactJob(renderValueSetPage)),
    ...model.ofKind('code-system').map(artifactJob(renderCodeSystemPage)),
    ...model.ofKind('search-parameter').map(artifactJob(renderSearchParameterPage)),
    ...model.ofKind('example').map(artifactJob(renderInstancePage)),
    { id: 'artifacts', render: () => renderArtifactsPage(ctx) },
    { id: 'toc', render: () => renderTocPage(ctx) },
    { id: 'history', render: () => renderHistoryPage(ctx) },
  ];
  // Pages only this renderer makes (the IG Publisher has no such page kinds): after the IG's menu.
  if (fs.existsSync(path.join(projectDir, DATA_FILE))) {
    jobs.push({
      id: 'design-review',
      always: true,
      extra: true,
      render: () => {
        const data = loadDesignReview(path.join(projectDir, DATA_FILE), path.join(projectDir, SCHEMA_FILE));
        return renderDesignReviewPage(reviewDesign({ projectDir, data }), data.definition, ctx);
      },
    });
  }
  jobs.push({ id: 'validator', extra: true, render: () => renderValidatorPage(ctx) });
  // Every build issue and every other page's warnings: rendered every time, after them all.
  jobs.push({ id: 'qa', always: true, render: qa });
  return jobs;
}

const markdownSource = (page: { source: string }, projectDir: string) => path.join(projectDir, 'input', 'pagecontent', page.source);

/** Runs `write` with a fresh temporary folder, returning its result and (when named) one file of it. */
async function inTempDir<T>(write: (dir: string) => Promise<T>, file?: string): Promise<{ value: T; data: Buffer }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-site-'));
  try {
    const value = await write(dir);
    return { value, data: file ? fs.readFileSync(path.join(dir, file)) : Buffer.alloc(0) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** Every regular file under `dir`, by its relative path with /. */
function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, name);
    if (fs.lstatSync(full).isFile()) out.set(name.split(path.sep).join('/'), fs.readFileSync(full));
  }
  return out;
}

/** Never replace a folder that is not ours: the project itself, or one with other files in it. */
function guardOutDir(outDir: string, projectDir: string): void {
  if (projectDir === outDir || projectDir.startsWith(outDir + path.sep)) throw new SiteOutputError(`the output folder ${outDir} holds the project: choose another`);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length && !fs.existsSync(path.join(outDir, MARKER))) {
    throw new SiteOutputError(`${outDir} exists and was not written by \`imgref site\`: not replacing it`);
  }
}

/** src/site/assets, from the TypeScript sources and from the compiled dist/ alike. */
export function assetsDir(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'src', 'site', 'assets');
  }
  throw new SiteOutputError('cannot find the site assets (src/site/assets)');
}
