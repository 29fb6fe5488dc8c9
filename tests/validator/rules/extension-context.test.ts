import { expect } from 'chai';
import { disallowedContext, extensionSite } from '../../../src/validator/rules/extension-context';
import { summary, validator } from '../helpers';

const contextErrors = (resource: object) => validator().issues(resource).filter((i) => i.severity === 'error' && i.rule === 'Extension_EXTP_Context_Wrong');
const ext = (url: string, value: Record<string, unknown>) => ({ extension: [{ url, ...value }] });
const OWN_PREFIX = 'http://hl7.org/fhir/StructureDefinition/humanname-own-prefix';

describe('extension contexts (rules/extension-context)', () => {
  const models = () => validator().models;

  it('knows an element by its path in the resource, in its datatype, and by its type', () => {
    const patient = { resourceType: 'Patient', contact: [{ name: { family: 'x' } }] };
    const site = extensionSite({ resource: patient, expression: 'Patient' }, 'Patient.contact[0].name.family', models())!;
    expect(site.paths).to.include.members(['Patient.contact.name.family', 'HumanName.family', 'string']);
    expect(site.isResource).to.equal(false);
  });

  it('knows a choice element by its [x] path and its concrete type', () => {
    const site = extensionSite({ resource: { resourceType: 'Observation', valueString: 'x' }, expression: 'Observation' }, 'Observation.valueString', models())!;
    expect(site.paths).to.include.members(['Observation.value[x]', 'Observation.value.ofType(string)', 'string']);
  });

  it('knows a contained resource or Bundle entry by its type and by its path', () => {
    const patient = { resourceType: 'Patient', birthDate: '2024' };
    const contained = extensionSite({ resource: patient, expression: 'Observation.contained[0]' }, 'Observation.contained[0].birthDate', models())!;
    expect(contained.paths).to.include.members(['Patient.birthDate', 'Observation.contained.birthDate']);
    const entry = extensionSite({ resource: patient, expression: 'Bundle.entry[0].resource' }, 'Bundle.entry[0].resource', models())!;
    expect(entry.paths).to.include.members(['Patient', 'Bundle.entry.resource']);
    expect(entry.isResource).to.equal(true);
    // Walked from the Bundle, the entry's resource is still known by its own type.
    const bundle = { resourceType: 'Bundle', entry: [{ resource: patient }] };
    expect(extensionSite({ resource: bundle, expression: 'Bundle' }, 'Bundle.entry[0].resource.birthDate', models())!.paths).to.include('Patient.birthDate');
  });

  it('does not judge a value walked on its own, away from where it sits (a slice\'s profile check)', () => {
    expect(extensionSite({ resource: { resourceType: 'Patient' }, expression: 'Patient' }, 'Extension.extension[0]', models())).to.equal(undefined);
    expect(extensionSite({ resource: { resourceType: 'Patient' } }, 'Patient.name[0]', models())).to.equal(undefined);
  });

  it('follows a content reference to the element it repeats', () => {
    const q = { resourceType: 'Questionnaire', item: [{ item: [{ text: 'x' }] }] };
    expect(extensionSite({ resource: q, expression: 'Questionnaire' }, 'Questionnaire.item[0].item[0]', models())!.paths).to.include.members(['Questionnaire.item.item', 'Questionnaire.item']);
  });

  it('matches a context through the base types (Resource.meta for Patient.meta, string for a code)', () => {
    const site = extensionSite({ resource: { resourceType: 'Patient', meta: {} }, expression: 'Patient' }, 'Patient.meta', models())!;
    expect(disallowedContext({ context: [{ type: 'element', expression: 'Resource.meta' }] }, site, models())).to.equal(undefined);
    const code = extensionSite({ resource: { resourceType: 'Patient', gender: 'other' }, expression: 'Patient' }, 'Patient.gender', models())!;
    expect(disallowedContext({ context: [{ type: 'element', expression: 'string' }] }, code, models())).to.equal(undefined);
    expect(disallowedContext({ context: [{ type: 'element', expression: 'HumanName.family' }] }, code, models())).to.deep.equal(['HumanName.family']);
  });

  it('matches an extension context by the url of the extension it sits on (or whose value it sits on)', () => {
    const patient = { resourceType: 'Patient', extension: [{ url: 'http://example.org/a', valueString: 'x' }] };
    const definition = { context: [{ type: 'extension', expression: 'http://example.org/a' }] };
    const at = { resource: patient, expression: 'Patient' };
    expect(disallowedContext(definition, extensionSite(at, 'Patient.extension[0]', models())!, models())).to.equal(undefined);
    expect(disallowedContext(definition, extensionSite(at, 'Patient.extension[0].valueString', models())!, models())).to.equal(undefined);
    expect(disallowedContext(definition, extensionSite(at, 'Patient', models())!, models())).to.deep.equal(['extension http://example.org/a']);
  });

  it('allows the core extensions the specification itself uses outside their declared context (regex on ElementDefinition.type)', () => {
    const site = extensionSite({ resource: { resourceType: 'StructureDefinition', snapshot: { element: [{ type: [{ code: 'string' }] }] } }, expression: 'StructureDefinition' }, 'StructureDefinition.snapshot.element[0].type[0]', models())!;
    const regex = { url: 'http://hl7.org/fhir/StructureDefinition/regex', context: [{ type: 'element', expression: 'ElementDefinition' }] };
    expect(disallowedContext(regex, site, models())).to.equal(undefined);
    expect(disallowedContext({ ...regex, url: 'http://example.org/regex-like' }, site, models())).to.deep.equal(['ElementDefinition']);
  });

  it('does not judge FHIRPath contexts (they are not evaluated)', () => {
    const site = extensionSite({ resource: { resourceType: 'Patient' }, expression: 'Patient' }, 'Patient', models())!;
    expect(disallowedContext({ context: [{ type: 'fhirpath', expression: 'Patient.name' }] }, site, models())).to.equal(undefined);
  });

  it('accepts the R5 examples that the old check rejected (humanname-own-prefix in Patient.contact, patient-birthTime in a contained Patient)', () => {
    const patient = { resourceType: 'Patient', contact: [{ name: { family: 'van Hulst', _family: ext(OWN_PREFIX, { valueString: 'van' }) } }] };
    expect(contextErrors(patient), summary(validator().issues(patient))).to.deep.equal([]);
    const obs = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      contained: [{ resourceType: 'Patient', id: 'p', birthDate: '2024-01-02', _birthDate: ext('http://hl7.org/fhir/StructureDefinition/patient-birthTime', { valueDateTime: '2024-01-02T10:00:00Z' }) }],
      subject: { reference: '#p' },
    };
    expect(contextErrors(obs), summary(validator().issues(obs))).to.deep.equal([]);
  });

  it('rejects an extension on a sibling of its context, with the HL7 message id', () => {
    const patient = { resourceType: 'Patient', name: [{ given: ['Marie'], _given: [ext(OWN_PREFIX, { valueString: 'van' })] }] };
    const [issue] = contextErrors(patient);
    expect(issue?.expression).to.equal('Patient.name[0].given[0].extension[0]');
    expect(issue?.message).to.match(/allowed contexts: HumanName\.family/);
  });

  it('checks an absolute-url extension nested in another one against its context', () => {
    const nested = { resourceType: 'Patient', extension: [{ url: 'http://example.org/outer', extension: [{ url: OWN_PREFIX, valueString: 'van' }] }] };
    expect(contextErrors(nested).map((i) => i.expression)).to.deep.equal(['Patient.extension[0].extension[0]']);
  });
});

describe('extension versions (rules/extension-version)', () => {
  const errorsWith = (resource: object, id: string) => validator().issues(resource).filter((i) => i.severity === 'error' && i.rule === id);

  it('rejects an extension whose definition ends before R5 (procedure-schedule: up to R4B)', () => {
    const procedure = { resourceType: 'Procedure', status: 'completed', subject: { reference: 'Patient/example' }, extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/procedure-schedule', valueTiming: { code: { text: 'daily' } } }] };
    const [issue] = errorsWith(procedure, 'EXTENSION_FHIR_VERSION_LATEST');
    expect(issue?.expression).to.equal('Procedure.extension[0]');
    expect(issue?.message).to.match(/latest version it can be used with is 4\.3/);
  });

  it('does not count a context whose version range excludes R5 (codesystem-concept-comments on CodeSystem.concept: up to R4B)', () => {
    const cs = {
      resourceType: 'CodeSystem',
      status: 'draft',
      content: 'complete',
      concept: [{ code: 'a', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/codesystem-concept-comments', valueString: 'x' }] }],
    };
    const [issue] = errorsWith(cs, 'Extension_EXTP_Context_Wrong_VER');
    expect(issue?.expression).to.equal('CodeSystem.concept[0].extension[0]');
    expect(issue?.message).to.match(/allowed contexts in FHIR 5\.0: none/);
  });
});
