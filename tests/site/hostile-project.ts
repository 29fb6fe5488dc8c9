import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOSTILE_MARKDOWN } from '../fixtures/hostile/hostile-markdown';
import { HOSTILE_NARRATIVES } from '../fixtures/hostile/hostile-narratives';
import { generatedById } from '../helpers/project';

/** A page of the hostile site and what it is made of. */
export interface HostilePage {
  page: string;
  what: string;
  /** Elements to click (the attack needs a click). */
  click: string[];
}

/** The Markdown links the browser test clicks: each would run script if it were still a link. */
const MARKDOWN_LINKS = ['plain link', 'tab link', 'data link', 'angle link', 'reference link', 'HTML link', 'newline link'].map((t) => `text="${t}"`);

/**
 * Writes a small IG project in `dir` for `renderSite`, made of hostile content: a Patient per
 * hostile narrative, the hostile Markdown as the home page, as the description of the IG's
 * ValueSet and StructureDefinition and as the definition of one of its elements. The real IG's
 * examples are not touched.
 */
export function writeHostileProject(dir: string): HostilePage[] {
  const resources = path.join(dir, 'fsh-generated', 'resources');
  fs.mkdirSync(resources, { recursive: true });
  fs.mkdirSync(path.join(dir, 'input', 'pagecontent'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'sushi-config.yaml'), 'id: hostile.site\ncanonical: http://example.org/hostile\ntitle: Hostile site\nversion: 0.0.1\nstatus: draft\nfhirVersion: 5.0.0\npages:\n  index.md:\n    title: Home\nmenu:\n  Home: index.html\n  Artifacts: artifacts.html\n');
  fs.writeFileSync(path.join(dir, 'input', 'pagecontent', 'index.md'), HOSTILE_MARKDOWN);
  const write = (resource: Record<string, unknown>) => fs.writeFileSync(path.join(resources, `${resource.resourceType}-${resource.id}.json`), JSON.stringify(resource, null, 2));

  const sd = structuredClone(generatedById('StructureDefinition', 'ImagingReference')) as any;
  sd.description = HOSTILE_MARKDOWN;
  sd.snapshot.element[0].definition = HOSTILE_MARKDOWN;
  write(sd);
  const vs = structuredClone(generatedById('ValueSet', 'imaging-reference-title')) as any;
  vs.description = HOSTILE_MARKDOWN;
  write(vs);
  const pages: HostilePage[] = [
    { page: 'index.html', what: 'Markdown page', click: MARKDOWN_LINKS },
    { page: 'StructureDefinition-ImagingReference.html', what: 'StructureDefinition description and element definition', click: MARKDOWN_LINKS },
    { page: 'ValueSet-imaging-reference-title.html', what: 'ValueSet description', click: MARKDOWN_LINKS },
  ];
  HOSTILE_NARRATIVES.forEach((h, i) => {
    write({ resourceType: 'Patient', id: `hostile-${i}`, text: { status: 'generated', div: h.div }, name: [{ family: 'Hostile', given: [h.name] }] });
    pages.push({ page: `Patient-hostile-${i}.html`, what: `narrative: ${h.name}`, click: h.click ? [h.click] : [] });
  });
  return pages;
}
