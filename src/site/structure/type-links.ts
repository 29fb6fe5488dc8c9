import { html, type Html } from '../html';
import { specUrlForType, type CoreTypes } from '../core-types';
import type { SiteModel } from '../site-model';
import { typeCode, type ElementType } from './element-definition';

const CORE_SD = 'http://hl7.org/fhir/StructureDefinition/';
const SPEC = 'http://hl7.org/fhir/R5/';

/** Links types and canonical URLs: to the IG's own pages first, then to the FHIR R5 specification. */
export class TypeLinker {
  constructor(
    private readonly model: SiteModel,
    private readonly core: CoreTypes,
  ) {}

  /** The page of a type: the IG's own definition (ImagingReference) or the R5 specification's. */
  typeUrl(type: string): string | undefined {
    return this.model.localTypeDefinition(type)?.page ?? specUrlForType(type, this.core);
  }

  /** The page of a canonical (a profile, a target, a value set). */
  canonicalUrl(url: string): string | undefined {
    const local = this.model.artifactByUrl(url);
    if (local) return local.page;
    if (url.startsWith(CORE_SD)) return this.typeUrl(url.slice(CORE_SD.length));
    if (url.startsWith('http://hl7.org/fhir/ValueSet/')) return `http://hl7.org/fhir/R5/valueset-${url.slice('http://hl7.org/fhir/ValueSet/'.length).split('|')[0]}.html`;
    return /^https?:\/\//.test(url) ? url : undefined;
  }

  /**
   * A relative link in a definition's Markdown: a page of this IG if it has one, otherwise a page
   * of the FHIR specification (the core definitions' texts link to their neighbours there).
   */
  relativeLink(href: string): string {
    const page = href.split('#')[0];
    return this.model.hasPage(page) ? href : SPEC + href;
  }

  /** A readable name for a canonical: the IG artifact's title or the last path segment. */
  canonicalName(url: string): string {
    return this.model.artifactByUrl(url)?.title ?? url.split('|')[0].split('/').pop() ?? url;
  }

  /** `Reference(Patient | Device)`, with each type and target linked. */
  typesHtml(types: ElementType[] | undefined): Html {
    if (!types?.length) return html``;
    const parts = types.map((t) => {
      const code = typeCode(t);
      const targets = t.targetProfile ?? [];
      const profiles = t.profile ?? [];
      const link = this.link(code, this.typeUrl(code));
      if (targets.length) return html`${link}(${join(targets.map((u) => this.link(this.canonicalName(u), this.canonicalUrl(u))), ' | ')})`;
      if (profiles.length) return html`${link}(${join(profiles.map((u) => this.link(this.canonicalName(u), this.canonicalUrl(u))), ' | ')})`;
      return link;
    });
    return join(parts, ' | ');
  }

  /** The same, as plain text (for the diagram). */
  typesText(types: ElementType[] | undefined): string {
    return (types ?? [])
      .map((t) => {
        const targets = (t.targetProfile ?? t.profile ?? []).map((u) => this.canonicalName(u));
        return targets.length ? `${typeCode(t)}(${targets.join('|')})` : typeCode(t);
      })
      .join('|');
  }

  link(text: string, href: string | undefined): Html {
    return href ? html`<a href="${href}">${text}</a>` : html`${text}`;
  }
}

function join(parts: Html[], separator: string): Html {
  return html`${parts.flatMap((p, i) => (i ? [separator, p] : [p]))}`;
}
