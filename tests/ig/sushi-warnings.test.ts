import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSushiWarnings, readSushiWarnings, writeSushiWarnings } from '../../src/ig/sushi-warnings';

describe("SUSHI's warnings kept for the QA page", () => {
  const output = [
    'info  Running SUSHI v3.21.0',
    'warn  Failed to load automatically-provided hl7.fhir.uv.tools.r5#latest',
    'info  Loaded hl7.fhir.r5.core#5.0.0 with 2968 resources',
    'warn  Element ImagingReference.title has a binding that is not in the value set',
    '  File: input/fsh/ImagingReference.fsh',
    '  Line: 42 - 43',
    'warn  ',
    '╭──────────────────────────────╮',
    '│ Detected the following       │',
    '│ - key-image-note             │',
    '╰──────────────────────────────╯',
    '',
    '========================= SUSHI RESULTS ===========================',
  ].join('\n');

  it('takes each warn block of the console output, a box flattened to its words, with its file and line', () => {
    expect(parseSushiWarnings(output)).to.deep.equal([
      { message: 'Failed to load automatically-provided hl7.fhir.uv.tools.r5#latest' },
      { message: 'Element ImagingReference.title has a binding that is not in the value set', file: 'input/fsh/ImagingReference.fsh', line: 42 },
      { message: 'Detected the following - key-image-note' },
    ]);
    expect(parseSushiWarnings('info  nothing to say\n')).to.deep.equal([]);
  });

  it('round-trips through fsh-generated/, and reads nothing from a missing or foreign file', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-sushi-warnings-'));
    try {
      expect(readSushiWarnings(project)).to.deep.equal([]);
      fs.mkdirSync(path.join(project, 'fsh-generated'));
      writeSushiWarnings(project, parseSushiWarnings(output));
      expect(readSushiWarnings(project)).to.have.length(3);
      fs.writeFileSync(path.join(project, 'fsh-generated', 'sushi-warnings.json'), '{"not": "a list"}');
      expect(readSushiWarnings(project)).to.deep.equal([]);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
