// A StructureDefinition that is not valid FHIR R5 is refused in one line before any check runs:
// the review neither passes it nor trips over it. Found by `npm run fuzz`.
import { expect } from 'chai';
import { StructureDefinitionError } from '../../src/ig/structure-definition';
import { definitionCopy, el, review } from './fixtures';

function refusal(mutate: (sd: ReturnType<typeof definitionCopy>) => void): string {
  const sd = definitionCopy();
  mutate(sd);
  try {
    review(sd);
  } catch (e) {
    expect(e, (e as Error).stack).to.be.instanceOf(StructureDefinitionError);
    return (e as Error).message;
  }
  throw new Error('the review ran');
}

const CASES: { title: string; mutate: (sd: ReturnType<typeof definitionCopy>) => void; at: string }[] = [
  // Each of these ended in a TypeError (imgref review: "internal error: ...", exit 2).
  { title: 'mappings that are a string (e.mapping.find is not a function)', mutate: (sd) => void ((el(sd, 'subject') as Record<string, unknown>).mapping = 'w5'), at: 'StructureDefinition.snapshot.element[' },
  { title: 'a mapping target that is a number (path.replace is not a function)', mutate: (sd) => void ((el(sd, 'subject').mapping![0] as Record<string, unknown>).map = 5), at: '.mapping[0].map' },
  { title: 'types that are an object (e.type.map is not a function)', mutate: (sd) => void ((el(sd, 'studyUid') as Record<string, unknown>).type = { code: 'id' }), at: '.type' },
  { title: 'an element without a path', mutate: (sd) => void delete (el(sd, 'issued') as Record<string, unknown>).path, at: 'StructureDefinition.snapshot.element[' },
  // Each of these passed the review (exit 0).
  { title: 'a minimum that is a string', mutate: (sd) => void ((el(sd, 'subject') as Record<string, unknown>).min = '1'), at: '.min' },
  { title: 'a mustSupport that is a string', mutate: (sd) => void ((el(sd, 'issued') as Record<string, unknown>).mustSupport = 'true'), at: '.mustSupport' },
  { title: 'a constraint key that is a list', mutate: (sd) => void ((el(sd, '').constraint![0] as Record<string, unknown>).key = ['irf-1']), at: '.constraint[0].key' },
  { title: 'an unknown property in a mapping', mutate: (sd) => void ((el(sd, 'subject').mapping![0] as Record<string, unknown>).constructor2 = 'x'), at: '.mapping[0]' },
];

describe('design review: a definition that is not valid FHIR R5 is refused', () => {
  for (const c of CASES) {
    it(c.title, () => {
      const message = refusal(c.mutate);
      expect(message).to.match(/^StructureDefinition "http:\/\/hl7\.org\/fhir\/StructureDefinition\/ImagingReference" is not valid FHIR R5, so the review cannot run: \d+ error\(s\), the first at /);
      expect(message).to.include(c.at);
      expect(message).to.not.match(/[\r\n]/);
    });
  }

  it('still reviews a valid definition', () => expect(review(definitionCopy()).summary.failed).to.deep.equal([]));
});
