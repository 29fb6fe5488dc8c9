import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderSite } from '../../src/site/render-site';
import { InvalidResourceIdError, SiteModel } from '../../src/site/site-model';
import { readIgConfig, IgConfigError } from '../../src/site/ig-config';

const CONFIG = { id: 'x', canonical: 'http://x.org', name: 'x', title: 'X', description: '', version: '1', status: 'draft', fhirVersion: '5.0.0', dependencies: {}, pages: [], menu: [] };

describe('page and file names come from checked ids only', () => {
  it('refuses a resource whose id or type is not a FHIR id, before any name is built from it', () => {
    for (const id of ['../../../x', 'a/b', 'a\\b', '', 'x'.repeat(65), 'a b', 'é']) {
      expect(() => new SiteModel('.', CONFIG, [{ resourceType: 'Patient', id }]), JSON.stringify(id)).to.throw(InvalidResourceIdError, /is not a FHIR id/);
    }
    expect(() => new SiteModel('.', CONFIG, [{ resourceType: '../Patient', id: 'p' }])).to.throw(InvalidResourceIdError, /not a FHIR type name/);
    expect(new SiteModel('.', CONFIG, [{ resourceType: 'Patient', id: 'A-z.0' }]).artifacts[0].page).to.equal('Patient-A-z.0.html');
  });

  describe('in a project', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-ids-'));
      fs.mkdirSync(path.join(tmp, 'project', 'fsh-generated', 'resources'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'project', 'sushi-config.yaml'), 'id: x\ncanonical: http://x.org\ntitle: X\nversion: 0.1.0\n');
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('an id of ../../../x writes nothing, inside or outside the output folder', async () => {
      fs.writeFileSync(path.join(tmp, 'project', 'fsh-generated', 'resources', 'Patient-x.json'), JSON.stringify({ resourceType: 'Patient', id: '../../../x' }));
      const out = path.join(tmp, 'project', 'a', 'b', 'c', 'output');
      let error: unknown;
      await renderSite({ projectDir: path.join(tmp, 'project'), outDir: out }).catch((e) => (error = e));
      expect(error).to.be.instanceOf(InvalidResourceIdError);
      expect((error as Error).message).to.equal('Patient "../../../x": the id is not a FHIR id ([A-Za-z0-9-.]{1,64}), so it cannot name a page: not rendering the site');
      expect(fs.readdirSync(tmp)).to.deep.equal(['project']);
      expect(fs.readdirSync(path.join(tmp, 'project')).sort()).to.deep.equal(['fsh-generated', 'sushi-config.yaml']);
    });

    it('a page of sushi-config.yaml must be a file name of input/pagecontent, and a menu entry no script URL', () => {
      const config = path.join(tmp, 'project', 'sushi-config.yaml');
      const base = fs.readFileSync(config, 'utf8');
      for (const page of ['../../../x.md', '/etc/x.md', 'a/b.md', '..md']) {
        fs.writeFileSync(config, `${base}pages:\n  ${JSON.stringify(page)}:\n    title: P\n`);
        expect(() => readIgConfig(path.join(tmp, 'project')), page).to.throw(IgConfigError, /is not a file name of input\/pagecontent/);
      }
      for (const href of ['JavaScript:alert(1)', 'data:text/html,x']) {
        fs.writeFileSync(config, `${base}menu:\n  Home: ${JSON.stringify(href)}\n`);
        expect(() => readIgConfig(path.join(tmp, 'project')), href).to.throw(IgConfigError, /links to a script URL/);
      }
    });
  });
});

describe('the artifacts that name a definition (usages, examples of an extension, where a value set is used)', () => {
  const ext = 'http://x.org/StructureDefinition/ext';
  const vs = 'http://x.org/ValueSet/vs';
  const model = new SiteModel('.', CONFIG, [
    { resourceType: 'StructureDefinition', id: 'ext', url: ext },
    { resourceType: 'ValueSet', id: 'vs', url: vs },
    { resourceType: 'Patient', id: 'exact', extension: [{ url: ext, valueString: 'x' }] },
    { resourceType: 'Patient', id: 'versioned', meta: { profile: [`${ext}|1.0`] } },
    { resourceType: 'Patient', id: 'fragment', text: { div: 'x' }, extension: [{ url: `${ext}#part` }] },
    { resourceType: 'Patient', id: 'longer', extension: [{ url: `${ext}-other` }] },
    { resourceType: 'StructureDefinition', id: 'profile', url: 'http://x.org/StructureDefinition/profile', snapshot: { element: [{ binding: { valueSet: vs } }] }, differential: { element: [{ path: 'Patient' }] } },
    { resourceType: 'StructureDefinition', id: 'bound', url: 'http://x.org/StructureDefinition/bound', differential: { element: [{ binding: { valueSet: `${vs}|1` } }] } },
  ]);
  const ids = (list: { resource: { id?: unknown } }[]) => list.map((a) => a.resource.id);

  it('finds a canonical URL as a value, with a version or a fragment, and not a longer URL that starts with it', () => {
    // The definition names itself (its url): the pages leave it out.
    expect(ids(model.artifactsNaming(ext))).to.deep.equal(['ext', 'exact', 'versioned', 'fragment']);
  });

  it('looks in the differential only when asked to', () => {
    expect(ids(model.artifactsNaming(vs))).to.deep.equal(['vs', 'profile', 'bound']);
    expect(ids(model.artifactsNaming(vs, 'differential'))).to.deep.equal(['bound']);
  });
});
