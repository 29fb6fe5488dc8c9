import { expect } from 'chai';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { validator } from '../helpers';

type Json = Record<string, any>;
const div = (html: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>` });
const RULES = /^(TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL|Type_Specific_Checks_DT_XHTML_Resolve)/;
const keyed = (issues: ValidationIssue[]) => issues.filter((i) => RULES.test(i.rule ?? '')).map((i) => `${i.rule} ${i.severity} ${i.expression}`);

const questionnaire = (answerValueSet: string, more: Json = {}): Json => ({
  resourceType: 'Questionnaire', id: 'q', status: 'draft', text: div('q'), contained: [{ resourceType: 'ValueSet', id: 'vs', status: 'draft' }],
  item: [{ linkId: '1', text: 'q', type: 'coding', answerValueSet }], ...more,
});

describe('internal `#id` targets: canonicals and narrative links', () => {
  describe('a canonical #id (TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL)', () => {
    it('resolves to a contained resource', () => {
      expect(keyed(validator().issues(questionnaire('#vs')))).to.deep.equal([]);
    });

    it('is an error when nothing in the resource has that id', () => {
      const q = questionnaire('#vs', { item: [{ linkId: '1', text: 'q', type: 'coding', answerValueSet: '#vs' }, { linkId: '2', text: 'r', type: 'coding', answerValueSet: '#missing' }] });
      expect(keyed(validator().issues(q))).to.deep.equal(['TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL error Questionnaire.item[1].answerValueSet']);
    });

    it('in a contained resource, names a sibling (a contained resource has no contained resources of its own)', () => {
      const plan = {
        resourceType: 'PlanDefinition', id: 'p', status: 'draft', text: div('p'),
        contained: [{ resourceType: 'ValueSet', id: 'vs', status: 'draft' }, { resourceType: 'Questionnaire', id: 'q', status: 'draft', item: [{ linkId: '1', text: 'q', type: 'coding', answerValueSet: '#vs' }, { linkId: '2', text: 'r', type: 'coding', answerValueSet: '#nothing' }] }],
        action: [{ definitionCanonical: '#q' }],
      };
      expect(keyed(validator().issues(plan))).to.deep.equal(['TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL error PlanDefinition.contained[1].item[1].answerValueSet']);
    });
    it('looks through the resource once for all its unresolved #ids, not once per #id (a 1.3 MB Questionnaire took 4.6 s)', () => {
      // Counts reads of one deep object's id: without the shared index each unresolved canonical searched the whole tree again.
      const readsOfId = (canonicals: number) => {
        let reads = 0;
        const coding = new Proxy({ system: 'http://x.org', code: 'c' } as Json, { get: (t, k) => ((k === 'id' && reads++), t[k as string]) });
        const items = Array.from({ length: canonicals }, (_, i) => ({ linkId: `${i}`, text: 'q', type: 'coding', answerValueSet: `#missing${i}`, code: [i === 0 ? coding : { code: 'c' }] }));
        const issues = validator().issues(questionnaire('#vs', { item: items }));
        expect(keyed(issues)).to.have.length(canonicals);
        return reads;
      };
      expect(readsOfId(50)).to.equal(readsOfId(5));
    });

    it('finds targets however a narrative quotes them, and a target inside another attribute value', () => {
      const q = questionnaire('#a', { text: div(`<p id='a'>x</p><p title=" id="b">y</p>`), item: [{ linkId: '1', text: 'q', type: 'coding', answerValueSet: '#a' }, { linkId: '2', text: 'q', type: 'coding', answerValueSet: '#b' }, { linkId: '3', text: 'q', type: 'coding', answerValueSet: '#c' }] });
      expect(keyed(validator().issues(q))).to.deep.equal(['TYPE_SPECIFIC_CHECKS_DT_URL_INTERNAL error Questionnaire.item[2].answerValueSet']);
    });
  });

  describe('narrative links and images (Type_Specific_Checks_DT_XHTML_Resolve)', () => {
    const patient = (html: string, more: Json = {}): Json => ({ resourceType: 'Patient', id: 'p', text: div(html), ...more });

    it('resolve to a contained resource, an element id, a narrative id or anchor name; `#` is the top of the page', () => {
      const p = patient('<p id="top">x <a href="#o">clinic</a> <a href="#n1">name</a> <a href="#top">up</a> <a name="here">h</a><a href="#here">h</a> <a href="#">top</a></p>', {
        name: [{ id: 'n1', family: 'F' }], contained: [{ resourceType: 'Organization', id: 'o', name: 'O' }],
      });
      expect(keyed(validator().issues(p))).to.deep.equal([]);
    });

    it('are errors when they point at nothing', () => {
      const issues = validator().issues(patient('<p>see <a href="#nowhere">the  notes</a> <img src="#pic" alt="x"/></p>'));
      expect(keyed(issues)).to.deep.equal(['Type_Specific_Checks_DT_XHTML_Resolve error Patient.text.div', 'Type_Specific_Checks_DT_XHTML_Resolve_Img error Patient.text.div']);
      expect(issues.find((i) => i.rule === 'Type_Specific_Checks_DT_XHTML_Resolve')!.message).to.equal("Hyperlink '#nowhere' at 'div/p/a' for 'the notes' does not resolve");
    });

    it('in a Bundle entry, may point at another entry', () => {
      const bundle = { resourceType: 'Bundle', type: 'collection', entry: [
        { fullUrl: 'http://example.org/fhir/Patient/p', resource: patient('<p><a href="#o2">clinic</a></p>') },
        { fullUrl: 'http://example.org/fhir/Organization/o2', resource: { resourceType: 'Organization', id: 'o2', name: 'O' } },
      ] };
      expect(keyed(validator().issues(bundle))).to.deep.equal([]);
    });
  });
});
