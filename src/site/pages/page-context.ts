import type { Html } from '../html';
import type { SiteModel, Artifact } from '../site-model';
import type { TypeLinker } from '../structure/type-links';
import type { ResourceSources } from '../render/source-views';
import type { ValueSetPageExpander } from '../terminology/expand-value-set';

/** What every page renderer gets. */
export interface PageContext {
  model: SiteModel;
  linker: TypeLinker;
  /** Value set expansions, offline. */
  terminology: ValueSetPageExpander;
  /** The JSON and XML of an IG resource, serialized once per build. */
  sources(artifact: Artifact): ResourceSources;
  /** Reports what the site leaves out (a narrative that fails the rules); `imgref site` prints it. */
  warn(message: string): void;
}

/** A page's title and body; the site wraps it in the layout. */
export interface PageContent {
  name: string;
  title: string;
  body: Html;
  head?: Html;
  /** Inline scripts the page needs (allowed by hash in its Content Security Policy). */
  inlineScripts?: string[];
  /** The page starts Web Workers from blobs of its own scripts (the playground): allowed by its policy. */
  workers?: boolean;
}
