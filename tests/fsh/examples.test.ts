import { expect } from 'chai';
import { fshInstanceNames, generated } from '../helpers/project';

type Selection = { id: string; title?: { coding?: { code?: string }[] }; performer?: { reference?: string }; instance?: { frameNumber?: number[]; observationUid?: string[] }[] };

describe('examples', () => {
  const selections = () => generated().filter((r) => r.resourceType === 'ImagingReference') as unknown as Selection[];

  it('produces every FSH Instance as a resource file', () => {
    const ids = new Set(generated().map((r) => r.id));
    const missing = fshInstanceNames().filter((name) => !ids.has(name));
    expect(fshInstanceNames()).to.have.length.greaterThan(0);
    expect(missing, 'instances SUSHI did not export').to.deep.equal([]);
  });

  it('has at least six ImagingReference examples', () => expect(selections()).to.have.length.of.at.least(6));

  it('covers a key image note (title 113000 Of Interest)', () =>
    expect(selections().some((s) => s.title?.coding?.some((c) => c.code === '113000'))).to.equal(true));

  it('covers a multi-frame selection', () => expect(selections().some((s) => s.instance?.some((i) => (i.frameNumber?.length ?? 0) > 1))).to.equal(true));

  it('covers a whole-series selection (no instance)', () => expect(selections().some((s) => !s.instance)).to.equal(true));

  it('covers an SR observation made by a device (the AI use case)', () =>
    expect(selections().some((s) => s.performer?.reference?.startsWith('Device/') && s.instance?.some((i) => i.observationUid?.length))).to.equal(true));

  it('links an Observation and a DiagnosticReport to ImagingReference examples through the extension', () => {
    const url = 'http://hl7.org/fhir/uv/imaging-reference/StructureDefinition/imaging-reference-link';
    const ids = new Set(selections().map((s) => `ImagingReference/${s.id}`));
    for (const type of ['Observation', 'DiagnosticReport']) {
      const linked = generated()
        .filter((r) => r.resourceType === type)
        .flatMap((r) => ((r.extension as { url: string; valueReference?: { reference?: string } }[]) ?? []).filter((e) => e.url === url))
        .map((e) => e.valueReference?.reference);
      expect(linked, type).to.not.be.empty;
      for (const ref of linked) expect(ids.has(ref!), `${type} -> ${ref}`).to.equal(true);
    }
  });

  it('has the resources the examples point to', () => {
    const types = new Set(generated().map((r) => r.resourceType));
    for (const t of ['Patient', 'Practitioner', 'Device', 'ImagingStudy', 'Endpoint', 'Observation', 'DiagnosticReport']) expect(types.has(t), t).to.equal(true);
  });
});
