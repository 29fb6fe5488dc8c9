// Page names that several modules build links to (and the site model knows), kept apart from the renderers.

/** The page names of a definition's tabs, as the IG Publisher names them. */
export function structureDefinitionPages(page: string) {
  const base = page.replace(/\.html$/, '');
  return { content: page, definitions: `${base}-definitions.html`, mappings: `${base}-mappings.html`, examples: `${base}-examples.html`, json: `${base}.profile.json.html`, xml: `${base}.profile.xml.html`, ttl: `${base}.profile.ttl.html` };
}
