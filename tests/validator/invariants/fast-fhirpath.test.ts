import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { compileFast, EvaluationMemo, Unsupported } from '../../../src/validator/invariants/fast-fhirpath';
import type { ValidationIssue } from '../../../src/validator/outcome/issue';
import { createValidatorSync } from '../../../src/validator/validator';
import { readGeneratedResources } from '../../../src/ig/generated-resources';
import { PROJECT_DIR } from '../../helpers/project';
import { FIXTURES } from '../helpers';

const env = { resource: {}, rootResource: {}, context: {} };

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  return v8.getHeapStatistics().used_heap_size;
};
const run = (expression: string, focus: unknown) => compileFast(expression)([focus], { ...env, context: focus });

describe('fast FHIRPath compiler', () => {
  it('evaluates the IG invariants', () => {
    const irf1 = "hasValue() implies (matches('^(0|[1-9][0-9]*)([.](0|[1-9][0-9]*))*$') and length() <= 64)";
    expect(run(irf1, '1.2.840.10008')).to.deep.equal([true]);
    expect(run(irf1, '1.02')).to.deep.equal([false]);
    expect(run('frameNumber.empty() or observationUid.empty()', { frameNumber: [1], observationUid: ['1'] })).to.deep.equal([false]);
    expect(run('instance.uid.isDistinct()', { instance: [{ uid: 'a' }, { uid: 'a' }] })).to.deep.equal([false]);
  });

  it('follows three-valued logic and choice elements', () => {
    expect(run('missing implies other', {})).to.deep.equal([]);
    expect(run('missing.exists() implies other', {})).to.deep.equal([true]);
    expect(run('a.exists() and b.exists()', { a: 1 })).to.deep.equal([false]);
    expect(run('(a = 1) or (b = 1)', {})).to.deep.equal([]);
    expect(run('value.exists()', { valueQuantity: { value: 1 } })).to.deep.equal([true]);
    expect(run("extension('http://x').exists()", { extension: [{ url: 'http://x', valueString: 'y' }] })).to.deep.equal([true]);
  });

  it('reads the core constraints fhirpath.js cannot compile (eld-11 double quotes, eld-20 regex)', () => {
    expect(run('code.contains(":")', { code: 'a:b' })).to.deep.equal([true]);
    // As in the R5 package: the FHIRPath string escape \\ gives the regex escape \. ; `(\[x])` needs non-Unicode mode
    const eld20 = "path.matches('^[A-Za-z][A-Za-z0-9]{0,63}(\\\\.[a-z][A-Za-z0-9]{0,63}(\\\\[x])?)*$')";
    expect(run(eld20, { path: 'Observation.value[x]' })).to.deep.equal([true]);
    expect(run(eld20, { path: 'Observation.Value' })).to.deep.equal([false]);
  });

  it('compares items as before in isDistinct(), distinct() and |: by JSON for objects, by type and value otherwise', () => {
    const items = { a: [{ x: 1 }, { x: 1 }, 1, '1', true, 'true', { x: 2 }] };
    expect(run('a.isDistinct()', items)).to.deep.equal([false]);
    expect(run('a.distinct()', items)).to.deep.equal([{ x: 1 }, 1, '1', true, 'true', { x: 2 }]);
    expect(run('a.distinct().isDistinct()', items)).to.deep.equal([true]);
    expect(run('a | b', { a: [1, 'x'], b: ['x', 2, 1] })).to.deep.equal([1, 'x', 2]);
    // the same date twice is not distinct; two different date-like strings are left to fhirpath.js
    expect(run('a.isDistinct()', { a: ['2020-01-01', '2020-01-01'] })).to.deep.equal([false]);
    expect(() => run('a.isDistinct()', { a: ['2020-01-01', '2020-01-01T00:00:00Z'] })).to.throw(Unsupported);
    expect(() => run('a.distinct()', { a: ['2020-01', '2021-01'] })).to.throw(Unsupported);
    expect(() => run('a | b', { a: ['2020-01'], b: ['2021-01'] })).to.throw(Unsupported);
  });

  it('keeps isDistinct(), distinct() and | linear: 60,000 items each (20 s timeout when every item was compared with all others)', () => {
    const uids = Array.from({ length: 60_000 }, (_, i) => ({ uid: `1.2.840.10008.${i}` }));
    expect(run('instance.uid.isDistinct()', { instance: uids })).to.deep.equal([true]);
    expect(run('instance.uid.distinct().count()', { instance: [...uids, ...uids] })).to.deep.equal([60_000]);
    expect(run('(a.uid | b.uid).count()', { a: uids, b: uids })).to.deep.equal([60_000]);
  });

  it('compares objects by structural ids with a memo exactly as by their JSON text', () => {
    const memo = new EvaluationMemo();
    const withMemo = (expression: string, focus: unknown) => compileFast(expression)([focus], { ...env, context: focus, memo });
    const a = [{ x: 1, y: [{ z: 'a' }] }, { x: 1, y: [{ z: 'a' }] }, { y: [{ z: 'a' }], x: 1 }, { x: 1, y: [{ z: 'b' }] }, { x: '1', y: [{ z: 'a' }] }, { x: 1, y: [{ z: 'a' }, null] }, { x: 1, y: { z: 'a' } }];
    for (const e of ['a.distinct()', 'a.isDistinct()', 'a.first() = a[1]', 'a.first() = a[2]', 'a.first() = a[5]', 'a[3] in a', '(a | a).count()']) {
      expect(withMemo(e, { a }), e).to.deep.equal(run(e, { a }));
    }
  });

  it('keeps what a validation retains for object comparisons linear in depth: 200 levels over a 4 MB string (JSON text per level: 800 MB)', () => {
    let deep: Record<string, unknown> = { leaf: 'x'.repeat(4_000_000) };
    const levels: Record<string, unknown>[] = [];
    for (let i = 0; i < 200; i++) levels.push((deep = { level: [deep], n: i }));
    const memo = new EvaluationMemo();
    const heapBefore = heapAfterGc();
    // As the walker does: a constraint comparing objects, evaluated at every level with the validation's memo.
    for (const level of levels.slice(2)) expect(compileFast('level.first() = level.first().level.first()')([level], { ...env, context: level, memo })).to.deep.equal([false]);
    expect(compileFast('descendants().distinct().count()')([deep], { ...env, context: deep, memo })).to.deep.equal([401]);
    const retainedMb = (heapAfterGc() - heapBefore) / 1e6;
    expect(retainedMb, 'MB the memo retains').to.be.below(100);
    expect(memo).to.be.an('object'); // keeps the memo alive until measured
  });

  it('lists descendants() and combine() as fhirpath.js does', () => {
    const fhirpath = require('fhirpath');
    const model = require('fhirpath/fhir-context/r5');
    const questionnaire = {
      resourceType: 'Questionnaire',
      status: 'draft',
      item: [
        { linkId: '1', type: 'group', item: [{ linkId: '1.1', type: 'string' }, { linkId: '1.2', type: 'boolean', item: [{ linkId: '1', type: 'display' }] }] },
        { linkId: '2', type: 'string', code: [{ system: 'http://loinc.org', code: 'x' }] },
      ],
    };
    for (const e of ['descendants().linkId', 'descendants().count()', 'descendants().linkId.isDistinct()', 'item.linkId.combine(item.item.linkId)', 'descendants().code.combine(descendants().system)']) {
      expect(run(e, questionnaire), e).to.deep.equal(fhirpath.evaluate(questionnaire, e, {}, model));
    }
  });

  it('converts with toInteger() and lists tail() and children() as fhirpath.js does', () => {
    const fhirpath = require('fhirpath');
    const model = require('fhirpath/fhir-context/r5');
    const focus = { resourceType: 'X', max: '*', n: '12', plus: '+3', minus: '-0', bad: '1.5', yes: true, no: false, list: ['a', 'b', 'c'], o: { p: 1, q: [2, 3] } };
    const expressions = ['max.toInteger()', 'n.toInteger()', 'plus.toInteger()', 'minus.toInteger()', 'bad.toInteger()', 'missing.toInteger()', 'yes.toInteger()', 'no.toInteger()',
      "iif(max != '*', 0 <= max.toInteger())", "iif(n != '*', 0 <= n.toInteger())", 'list.tail()', 'missing.tail()', 'o.children()', 'children().count()', 'o.children().count()'];
    for (const e of expressions) expect(run(e, focus), e).to.deep.equal(fhirpath.evaluate(focus, e, {}, model));
    // sdf-9, eld-2 and eld-3 stay compiled: their shapes on a StructureDefinition and an ElementDefinition.
    const sd = { resourceType: 'StructureDefinition', url: 'http://x', snapshot: { element: [{ path: 'A', min: 0, max: '*' }, { path: 'A.b', min: 1, max: '1', label: 'l' }] }, differential: { element: [{ path: 'A.b', max: '2' }] } };
    const element = sd.snapshot.element[1];
    for (const [e, on] of [
      ['children().element.path', sd], ["children().element.where(path.contains('.').not()).label.empty()", sd],
      ["min.empty() or max.empty() or (max = '*') or iif(max != '*', min <= max.toInteger())", element], ["'+12'.toInteger()", element],
    ] as const) {
      expect(run(e, on), e).to.deep.equal(fhirpath.evaluate(on, e, {}, model));
    }
    // A JSON number may be a typed decimal to fhirpath.js, and a collection of several an error: it decides.
    expect(() => run('min.toInteger()', element)).to.throw(Unsupported);
    expect(() => run('n.toInteger()', { n: 2 })).to.throw(Unsupported);
    expect(() => run('list.toInteger()', focus)).to.throw(Unsupported);
    expect(() => run('children()', { a: 1, _a: { id: 'x' } })).to.throw(Unsupported);
  });

  it('adds and subtracts Integers as fhirpath.js does, and leaves what may be a decimal to it (sdf-24 and sdf-25 stay compiled)', () => {
    const fhirpath = require('fhirpath');
    const model = require('fhirpath/fhir-context/r5');
    const focus = { resourceType: 'X', s: 'abc.reference', n: 2, list: ['a', 'b'] };
    for (const e of ['s.length() - 10', 's.length() + 1', '2 + 3', '2 - 5', '-2 - 3', 'list.count() - 1', "'9'.toInteger() - 1", 'missing.length() - 1', 's.substring(0, s.length() - 10)', 's.substring(0, 3 - 10)']) {
      expect(run(e, focus), e).to.deep.equal(fhirpath.evaluate(focus, e, {}, model));
    }
    for (const e of ['n - 1', '1.5 - 1', 's.length() - 1.0']) expect(() => run(e, focus), e).to.throw(Unsupported);
    const sd = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'node_modules', 'hl7.fhir.r5.core', 'StructureDefinition-StructureDefinition.json'), 'utf8'));
    const constraints = (sd.snapshot.element as { constraint?: { key: string; expression: string }[] }[]).flatMap((el) => el.constraint ?? []).filter((c) => c.key === 'sdf-24' || c.key === 'sdf-25');
    expect(constraints).to.have.length(2);
    const profile = { resourceType: 'StructureDefinition', snapshot: { element: [
      { path: 'X.reason', type: [{ code: 'CodeableReference' }] },
      { path: 'X.reason.reference', type: [{ code: 'Reference', targetProfile: ['http://x/p'] }] },
      { path: 'X.reason.concept', type: [{ code: 'CodeableConcept' }], binding: { strength: 'example' } },
      { path: 'X.other.reference', type: [{ code: 'Reference', targetProfile: ['http://x/p'] }] },
      { path: null, type: [{ code: 'Reference', targetProfile: ['http://x/p'] }] },
    ] } };
    // Both fail on this profile: a Reference (with a target profile) and a CodeableConcept (with a binding) inside a CodeableReference.
    const context = profile.snapshot;
    for (const { expression } of constraints) {
      const fast = compileFast(expression)([context], { resource: profile, rootResource: profile, context });
      expect(fast, expression).to.deep.equal(fhirpath.evaluate(context, expression, { context }, model));
      expect(fast).to.deep.equal([false]);
    }
  });

  it('replaces matches as fhirpath.js does (sdf-8a stays compiled)', () => {
    const fhirpath = require('fhirpath');
    const model = require('fhirpath/fhir-context/r5');
    const focus = { resourceType: 'X', path: 'Observation.component.value[x]', dollars: 'a.b', emoji: 'x😀y' };
    for (const e of ["path.replaceMatches('\\\\..*', '')", "path.replaceMatches('\\\\.', '/')", "path.replaceMatches('(\\\\w+)\\\\.(\\\\w+)', '$2-$1')", "dollars.replaceMatches('\\\\.', '$$')", "emoji.replaceMatches('.', '-')", "missing.replaceMatches('a', 'b')", "path.replaceMatches(missing, 'b')", "path.replaceMatches('a', missing)"]) {
      expect(run(e, focus), e).to.deep.equal([fhirpath.evaluate(focus, e, {}, model)].flat());
    }
    expect(() => run("path.replaceMatches('(', 'b')", focus)).to.throw(Unsupported);
    const sdf8a = "(%resource.kind = 'logical' or element.first().path.startsWith(%resource.type)) and (element.tail().empty() or  element.tail().all(path.startsWith(%resource.differential.element.first().path.replaceMatches('\\\\..*','')&'.')))";
    const verdicts = [['Observation', 'Observation.code'], ['Observation.code', 'Patient.name']].map((paths) => {
      const sd = { resourceType: 'StructureDefinition', kind: 'resource', type: 'Observation', differential: { element: paths.map((p) => ({ path: p })) } };
      const fast = compileFast(sdf8a)([sd.differential], { resource: sd, rootResource: sd, context: sd.differential });
      expect(fast, paths.join()).to.deep.equal(fhirpath.evaluate(sd.differential, sdf8a, { resource: sd }, model));
      return fast;
    });
    expect(verdicts).to.deep.equal([[true], [false]]);
  });

  it('fails a string function on a number, boolean or object with fhirpath.js\'s error', () => {
    const fhirpath = require('fhirpath');
    const model = require('fhirpath/fhir-context/r5');
    for (const [value, e] of [[5, "gender.startsWith('m')"], [{ a: 1 }, "gender.endsWith('m')"], [true, "gender.matches('m')"], [2, "gender.contains('m')"], [3, 'gender.length()'], [4, 'gender.startsWith(missing)']] as const) {
      const patient = { resourceType: 'Patient', gender: value };
      let expected = '';
      try {
        fhirpath.evaluate(patient, e, {}, model);
      } catch (err) {
        expected = String((err as Error).message ?? err);
      }
      expect(expected, e).to.match(/^Expected string/);
      expect(() => run(e, patient), e).to.throw(Error, expected).and.not.be.instanceOf(Unsupported);
    }
    expect(run("gender.startsWith('m')", { gender: 'male' })).to.deep.equal([true]);
  });

  it('evaluates the ElementDefinition and StructureDefinition constraints (eld-2, eld-3, sdf-8, sdf-9) without fhirpath.js', () => {
    // A fuzzed 213 KB StructureDefinition took 1 s per MB when these ran on fhirpath.js at every element.
    const sd = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'node_modules/hl7.fhir.r5.core/StructureDefinition-Observation.json'), 'utf8'));
    const byKey = new Map<string, string>();
    const core = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'node_modules/hl7.fhir.r5.core/StructureDefinition-ElementDefinition.json'), 'utf8'));
    const sdDef = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'node_modules/hl7.fhir.r5.core/StructureDefinition-StructureDefinition.json'), 'utf8'));
    for (const e of [...core.snapshot.element, ...sdDef.snapshot.element]) for (const c of e.constraint ?? []) byKey.set(c.key, c.expression);
    const at = (key: string, focus: unknown) => compileFast(byKey.get(key)!)([focus], { resource: sd, rootResource: sd, context: focus });
    for (const element of sd.snapshot.element) {
      expect(at('eld-2', element), `eld-2 ${element.id}`).to.deep.equal([true]);
      expect(at('eld-3', element.max), `eld-3 ${element.id}`).to.deep.equal([true]);
    }
    expect(at('eld-2', { min: 2, max: '1' })).to.deep.equal([false]);
    expect(at('eld-3', '-1')).to.deep.equal([false]);
    expect(at('sdf-8', sd.snapshot)).to.deep.equal([true]);
    expect(at('sdf-9', sd)).to.deep.equal([true]);
  });

  it('keeps que-2 linear: a Questionnaire of 30,000 items (20 s timeout on fhirpath.js, whose isDistinct() compares every pair)', () => {
    const item = Array.from({ length: 30_000 }, (_, i) => ({ linkId: `q${i}`, type: 'string', text: 'Question' }));
    const questionnaire = { resourceType: 'Questionnaire', status: 'draft', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">q</div>' }, item };
    const validator = createValidatorSync();
    expect(validator.issues(questionnaire).filter((i) => i.severity !== 'information')).to.deep.equal([]);
    item.push({ linkId: 'q7', type: 'string', text: 'Again' });
    expect(validator.issues(questionnaire).map((i) => i.rule)).to.include('que-2');
  });

  it('takes substrings as fhirpath.js does', () => {
    const fhirpath = require('fhirpath');
    for (const e of ['s.substring(1)', 's.substring(3)', 's.substring(-1)', 's.substring(0, 2)', 's.substring(1, 1)', 's.substring(2, -1)', 's.substring(1, 9)', 'missing.substring(1)', "s.substring(1) in ('bc' | 'x')"]) {
      expect(run(e, { s: 'abc' }), e).to.deep.equal(fhirpath.evaluate({ s: 'abc' }, e));
    }
  });

  it('builds a collection that depends only on %rootResource once per validation, for ref-1 at every reference', () => {
    let reads = 0;
    const root: Record<string, unknown> = { resourceType: 'Patient' };
    Object.defineProperty(root, 'contained', { enumerable: true, get: () => (reads++, [{ id: 'a' }, { id: 'b' }]) });
    const ref1 = compileFast("reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids')");
    const memo = new EvaluationMemo();
    const lookup = (reference: string, m?: EvaluationMemo) => ref1([{ reference }], { resource: root, rootResource: root, context: {}, memo: m });
    expect(['#a', '#b', '#c', '#a'].map((r) => lookup(r, memo))).to.deep.equal([[true], [true], [false], [true]]);
    expect(reads).to.equal(1);
    // Another validation (another memo), or none: read again, so a changed resource is seen.
    lookup('#a', new EvaluationMemo());
    lookup('#a');
    expect(reads).to.equal(3);
    // A collection that depends on the focus is not shared.
    const own = compileFast('x in list');
    expect(own([{ x: 1, list: [1] }], { ...env, memo })).to.deep.equal([true]);
    expect(own([{ x: 1, list: [2] }], { ...env, memo })).to.deep.equal([false]);
  });

  it('refuses what it cannot do exactly, for fhirpath.js to do', () => {
    expect(() => compileFast('a < @2020-01-01')).to.throw(Unsupported);
    for (const e of ['a is Quantity', 'a.resolve()', 'a.ofType(Quantity)']) {
      expect(() => run(e, { a: 1 }), e).to.throw(Unsupported);
    }
    // refused only when reached: nothing to filter, nothing unsupported to run
    expect(run('contained.where(descendants().resolve()).empty()', {})).to.deep.equal([true]);
    // descendants() through a primitive's _name sibling (fhirpath.js merges the two) or a null
    expect(() => run('descendants().exists()', { a: { b: 1, _b: { id: 'x' } } })).to.throw(Unsupported);
    expect(() => run('descendants().exists()', { a: [null, 1] })).to.throw(Unsupported);
    expect(() => run('start <= end', { start: '2020', end: '2021' })).to.throw(Unsupported);
    expect(() => run('birthDate.exists()', { _birthDate: { extension: [] } })).to.throw(Unsupported);
    expect(() => run("birthDate.extension('http://x').exists()", { birthDate: '2000' })).to.throw(Unsupported);
  });

  it('agrees with fhirpath.js on every constraint of every fixture and example', function () {
    this.timeout(120_000);
    const validator = createValidatorSync({ crossCheckFhirpath: true });
    const inputs: string[] = [];
    for (const dir of ['valid', 'invalid']) {
      for (const f of fs.readdirSync(path.join(FIXTURES, dir))) inputs.push(path.join(FIXTURES, dir, f));
    }
    for (const input of inputs) validator.issues(fs.readFileSync(input, 'utf8'), { fileName: input });
    for (const { resource } of readGeneratedResources(PROJECT_DIR)) if (resource.resourceType !== 'StructureDefinition') validator.issues(resource);
    // htmlChecks() is the narrative rule, not fhirpath.js's: stricter on script URLs (however written),
    // CDATA, comments with markup, style overlays and the XHTML namespace (FHIR R5 Narrative, txt-1), and
    // it accepts the narratives HL7 itself generates, which fhirpath.js refuses (see fhir-packages.test.ts).
    const differences = validator.fhirpathDisagreements!.filter((d) => d.expression !== 'htmlChecks()');
    expect(differences).to.deep.equal([]);
    expect(validator.fhirpathDisagreements!.length).to.be.below(15);
  });

  it('gives the same issues with every constraint on fhirpath.js (invariantEngine)', function () {
    this.timeout(120_000);
    const compiled = createValidatorSync();
    const reference = createValidatorSync({ invariantEngine: 'fhirpath.js' });
    // txt-1 and txt-2 are htmlChecks(), the narrative rule, on either engine's side (see above).
    const keyed = (issues: ValidationIssue[]) => issues.filter((i) => i.code === 'invariant' && !/^txt-/.test(i.rule ?? '')).map((i) => `${i.rule} ${i.severity} ${i.expression}`);
    let compared = 0;
    for (const dir of ['valid', 'invalid']) {
      for (const f of fs.readdirSync(path.join(FIXTURES, dir)).filter((n) => n.endsWith('.json'))) {
        const text = fs.readFileSync(path.join(FIXTURES, dir, f), 'utf8');
        const expected = keyed(compiled.issues(text, { fileName: f }));
        compared += expected.length;
        expect(keyed(reference.issues(text, { fileName: f })), f).to.deep.equal(expected);
      }
    }
    expect(compared, 'constraint issues compared').to.be.above(5);
    // That the option really switches engines: compiled, htmlChecks() is the narrative rule and
    // txt-1 fails on a javascript: link; fhirpath.js's htmlChecks() lets that link through.
    const link = fs.readFileSync(path.join(FIXTURES, 'invalid', 'narrative-javascript-link.json'), 'utf8');
    const txt1 = (v: typeof compiled) => v.issues(link).some((i) => i.rule === 'txt-1' && i.code === 'invariant');
    expect([txt1(compiled), txt1(reference)]).to.deep.equal([true, false]);
  });
});
