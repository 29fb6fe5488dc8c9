import { expect } from 'chai';
import * as path from 'node:path';
import { DefinitionRegistry, DefinitionLoadError, pinnedPackageDirs } from '../../../src/validator/loading/definition-registry';
import { PROJECT_DIR } from '../../helpers/project';

describe('DefinitionRegistry', () => {
  it('indexes packages through .index.json and reads a definition only when asked', () => {
    const registry = new DefinitionRegistry();
    const [core] = pinnedPackageDirs();
    registry.addPackage(core, true);
    expect(registry.typeDefinitionUrl('Patient')).to.equal('http://hl7.org/fhir/StructureDefinition/Patient');
    expect(registry.has('http://hl7.org/fhir/ValueSet/administrative-gender|5.0.0')).to.equal(true);
    expect(registry.get('http://hl7.org/fhir/StructureDefinition/Patient')?.snapshot).to.not.equal(undefined);
    expect(registry.customTypes.size).to.equal(0);
  });

  it('registers the types an IG defines as custom types', () => {
    const registry = new DefinitionRegistry();
    registry.addPath(path.join(PROJECT_DIR, 'fsh-generated', 'resources'));
    expect(registry.typeDefinitionUrl('ImagingReference')).to.equal('http://hl7.org/fhir/StructureDefinition/ImagingReference');
    expect([...registry.customTypes]).to.deep.equal(['ImagingReference']);
  });

  it('fails clearly on a missing IG path', () => {
    expect(() => new DefinitionRegistry().addPath('/nonexistent/ig')).to.throw(DefinitionLoadError, /no such IG path/);
  });
});
