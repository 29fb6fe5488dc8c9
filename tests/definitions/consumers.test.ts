import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPinnedDefinitions } from '../../src/definitions/sources';
import { CoreDefinitions } from '../../src/review/core-definitions';
import { CoreTypes } from '../../src/site/core-types';
import { PROJECT_DIR } from '../helpers/project';
import { tempDir } from './helpers';

describe('review and site read their core definitions from the one store', function () {
  this.timeout(60_000);

  it('the review finds hl7.fhir.r5.core where every part looks: FHIR_PACKAGE_CACHE, then the npm copy', () => {
    expect(CoreDefinitions.locate().store.sourceOf('http://hl7.org/fhir/StructureDefinition/Event')).to.match(/^hl7\.fhir\.r5\.core#5\.0\.0 /);
    const empty = tempDir('imgref-empty-cache-');
    const saved = process.env.FHIR_PACKAGE_CACHE;
    process.env.FHIR_PACKAGE_CACHE = empty;
    try {
      const core = CoreDefinitions.locate();
      expect(core.store.sourceOf('http://hl7.org/fhir/StructureDefinition/Event')).to.equal(path.join(PROJECT_DIR, 'node_modules', 'hl7.fhir.r5.core', 'StructureDefinition-Event.json'));
      expect(core.view('Event').root.path).to.equal('Event');
    } finally {
      if (saved === undefined) delete process.env.FHIR_PACKAGE_CACHE;
      else process.env.FHIR_PACKAGE_CACHE = saved;
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('the site\'s core types are the core package\'s types only: no profiles, no other package\'s extensions', () => {
    const store = loadPinnedDefinitions();
    const types = new CoreTypes(store);
    expect(types.kindOf('Patient')).to.equal('resource');
    expect(types.kindOf('string')).to.equal('primitive-type');
    expect(types.kindOf('ImagingReference')).to.equal(undefined);
    expect(types.structureDefinitions.every((sd) => sd.derivation !== 'constraint' && sd.kind !== 'logical')).to.equal(true);
    expect(types.structureDefinitions.every((sd) => store.isCore(String(sd.url)))).to.equal(true);
    expect(types.structureDefinitions.length).to.be.greaterThan(200);
  });
});
