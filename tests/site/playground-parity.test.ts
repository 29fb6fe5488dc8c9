import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createValidatorSync, type Validator } from '../../src/validator/validator';
import { issuesOf, type OperationOutcome } from '../../src/validator/outcome/operation-outcome';
import { launchChromium, openPage, type Browser } from '../helpers/browser';
import { PROJECT_DIR } from '../helpers/project';
import { OUTPUT_DIR } from '../helpers/site';
import type { Page } from 'playwright-core';

const FIXTURES = path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator');
const PROFILES = path.join(FIXTURES, 'profiles');

/** The inputs of a folder the CLI would validate (JSON and XML), sorted. */
function inputsIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? inputsIn(path.join(dir, e.name)) : /\.(json|xml)$/i.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

/** What must be identical: each issue's severity, code, expression, line, column, message (and rule id). */
function comparable(outcome: OperationOutcome) {
  return issuesOf(outcome).map((i) => ({ severity: i.severity, code: i.code, expression: i.expression, line: i.position?.line, col: i.position?.col, message: i.message, rule: i.rule }));
}

async function inPage(page: Page, text: string, fileName: string): Promise<OperationOutcome> {
  return page.evaluate(async ([t, f]) => (await globalThis.imgrefPlayground!.validate(t, f)).outcome, [text, fileName] as const);
}

/**
 * The playground (validator.html from disk, in headless Chromium) against the library as
 * `imgref validate` runs it, on every fixture, IG resource and submission: one page, many
 * validations, the issues compared field by field.
 */
describe('the playground gives the issues of `imgref validate` (headless Chromium)', function () {
  this.timeout(300000);
  let browser: Browser;
  let page: Page;
  let errors: string[];
  before(async () => {
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser, pathToFileURL(path.join(OUTPUT_DIR, 'validator.html')).href));
    await page.waitForSelector('body[data-validator-ready="true"]');
  });
  after(async () => browser?.close());

  /** Compares each file's issues; returns how many issues were compared. */
  async function compareAll(files: string[], library: Validator): Promise<number> {
    const differences: string[] = [];
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const name = path.basename(file);
      const expected = comparable(library.validateSync(text, { fileName: name }));
      const actual = comparable(await inPage(page, text, name));
      compared += expected.length;
      try {
        expect(actual).to.deep.equal(expected);
      } catch {
        differences.push(`${path.relative(PROJECT_DIR, file)}:\n  browser: ${JSON.stringify(actual)}\n  library: ${JSON.stringify(expected)}`);
      }
    }
    expect(differences, differences.join('\n')).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    return compared;
  }

  it('every IG resource (fsh-generated/resources) and every submission', async () => {
    const files = [...inputsIn(path.join(PROJECT_DIR, 'fsh-generated', 'resources')), ...inputsIn(path.join(PROJECT_DIR, 'submissions'))];
    expect(files.length).to.be.at.least(20);
    await compareAll(files, createValidatorSync());
  });

  it('every fixture, valid and invalid, with the fixture profiles dropped on the page (as --ig)', async () => {
    for (const file of inputsIn(PROFILES)) {
      const added = await page.evaluate(async ([n, t]) => globalThis.imgrefPlayground!.addDefinitions(n, t), [path.basename(file), fs.readFileSync(file, 'utf8')] as const);
      expect(added.count).to.equal(1);
    }
    const files = [...inputsIn(path.join(FIXTURES, 'valid')), ...inputsIn(path.join(FIXTURES, 'invalid'))];
    expect(files.length).to.be.at.least(80);
    const library = createValidatorSync({ igPaths: [PROFILES] });
    expect(await compareAll(files, library)).to.be.at.least(100);
    // And an explicit profile (--profile), as the page's profile picker passes it.
    const patient = fs.readFileSync(path.join(FIXTURES, 'valid', 'example-patient-patient-jane-doe.json'), 'utf8');
    const url = 'http://example.org/fhir/StructureDefinition/slicing-patient';
    const actual = await page.evaluate(async ([t, u]) => (await globalThis.imgrefPlayground!.validate(t, 'p.json', [u])).outcome, [patient, url] as const);
    expect(comparable(actual)).to.deep.equal(comparable(library.validateSync(patient, { fileName: 'p.json', profiles: [url] })));
  });

  it("takes a package.tgz dropped on it as --ig (this IG's package): the issues of the CLI with that --ig", async () => {
    const tgz = path.join(OUTPUT_DIR, 'package.tgz');
    const bytes = [...fs.readFileSync(tgz)];
    const added = await page.evaluate(async (b) => globalThis.imgrefPlayground!.addDefinitions('package.tgz', new Uint8Array(b).buffer), bytes);
    expect(added.count).to.be.greaterThan(0);
    // A StructureDefinition in FHIR XML too (read by the validator's XML converter, in the worker).
    const xml = path.join(OUTPUT_DIR, 'StructureDefinition-imaging-reference-link.xml');
    const fromXml = await page.evaluate(async ([n, t]) => globalThis.imgrefPlayground!.addDefinitions(n, t), [path.basename(xml), fs.readFileSync(xml, 'utf8')] as const);
    expect(fromXml.count).to.equal(1);
    const library = createValidatorSync({ igPaths: [PROFILES, tgz, xml] });
    const text = fs.readFileSync(path.join(FIXTURES, 'valid', fs.readdirSync(path.join(FIXTURES, 'valid')).find((f) => f.endsWith('.json'))!), 'utf8');
    const actual = comparable(await inPage(page, text, 'x.json'));
    expect(actual).to.deep.equal(comparable(library.validateSync(text, { fileName: 'x.json' })));
  });
});
