import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandHl7Aliases } from '../../src/cli/hl7-aliases';
import { collectInputs, isResourceFile } from '../../src/cli/inputs';
import { applySuppressions, parseSuppression } from '../../src/cli/suppressions';
import { failsAt } from '../../src/cli/fail-on';
import type { ValidationIssue } from '../../src/validator/outcome/issue';

const issue = (rule: string, expression?: string, severity: ValidationIssue['severity'] = 'error'): ValidationIssue => ({ severity, code: 'invariant', message: rule, rule, expression });

describe('imgref validate: suppressions, inputs, aliases (units)', () => {
  it('RULE:PATH matches a file glob or a FHIRPath at or under PATH, not a sibling with the same prefix', () => {
    const s = [parseSuppression('irf-2:ImagingReference.instance')];
    const { issues, suppressed } = applySuppressions(s, 'x.json', [
      issue('irf-2', 'ImagingReference.instance[1].uid'),
      issue('irf-2', 'ImagingReference.instanceCount'),
      issue('irf-2', 'ImagingReference.instance'),
      issue('dom-6', 'ImagingReference.instance'),
    ]);
    expect(suppressed.map((i) => i.expression)).to.deep.equal(['ImagingReference.instance[1].uid', 'ImagingReference.instance']);
    expect(issues.map((i) => `${i.rule} ${i.expression}`)).to.deep.equal(['irf-2 ImagingReference.instanceCount', 'dom-6 ImagingReference.instance']);
    expect(applySuppressions([parseSuppression('dom-6:examples/**')], 'examples/a/b.json', [issue('dom-6')]).suppressed).to.have.length(1);
    expect(applySuppressions([parseSuppression('dom-6:examples/**')], 'other/b.json', [issue('dom-6')]).suppressed).to.have.length(0);
    expect(() => parseSuppression('dom-6:')).to.throw(/nothing after the colon/);
    expect(() => parseSuppression(':x')).to.throw(/expected RULE or RULE:PATH/);
  });

  it('--fail-on warning counts warnings and fatal issues, never information', () => {
    const fails = failsAt('warning');
    expect(['fatal', 'error', 'warning', 'information'].map((s) => fails(issue('r', undefined, s as ValidationIssue['severity'])))).to.deep.equal([true, true, true, false]);
    expect(failsAt('error')(issue('r', undefined, 'warning'))).to.equal(false);
  });

  it('the HL7 aliases are rewritten for validate only, and not after --', () => {
    expect(expandHl7Aliases(['node', 'imgref', 'validate', '-ig', 'a', '-version', '5.0', '--', '-ig'])).to.deep.equal(['node', 'imgref', 'validate', '--ig', 'a', '--fhir-version', '5.0', '--', '-ig']);
    expect(expandHl7Aliases(['node', 'imgref', 'review', '-ig'])).to.deep.equal(['node', 'imgref', 'review', '-ig']);
  });

  it('a file whose resourceType is past the first 64 KB is validated, not skipped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-inputs-'));
    try {
      const late = path.join(dir, 'late.json');
      fs.writeFileSync(late, JSON.stringify({ id: 'x'.repeat(70_000), resourceType: 'Basic' }));
      const plain = path.join(dir, 'config.json');
      fs.writeFileSync(plain, '{"a": 1}');
      const xml = path.join(dir, 'pom.xml');
      fs.writeFileSync(xml, '<project/>');
      expect([late, plain, xml].map(isResourceFile)).to.deep.equal([true, false, false]);
      const found = collectInputs([dir, path.join(dir, 'missing')], { exclude: ['late.json'] });
      expect(found.inputs.map((i) => i.problem?.rule ?? path.basename(i.file))).to.deep.equal(['input-folder-empty', 'input-not-found']);
      expect(found.skipped.map((f) => path.basename(f))).to.deep.equal(['config.json', 'pom.xml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
