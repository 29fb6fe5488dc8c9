import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Client from 'fhir-kit-client';
import { createServer, type ValidationServer } from '../../src/server/app';
import { createValidator } from '../../src/validator/validator';
import { PROJECT_DIR } from '../helpers/project';

const FIXTURES = path.join(PROJECT_DIR, 'tests', 'fixtures', 'validator');
const VALID = path.join(FIXTURES, 'valid', 'imaging-reference-minimal.json');
const INVALID = path.join(FIXTURES, 'invalid', 'invariant-irf-2-frames-and-observations.json');
const XML = path.join(FIXTURES, 'valid', 'bundle-collection.xml');

const MESSAGE_ID = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';
type Outcome = { resourceType: string; issue: { severity: string; code: string; details: { text: string }; extension?: { url: string; valueString?: string }[] }[] };
const ruleIds = (oo: Outcome) => oo.issue.map((i) => i.extension?.find((x) => x.url === MESSAGE_ID)?.valueString);

async function listen(server: ValidationServer): Promise<string> {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

describe('imgref serve ($validate server)', function () {
  this.timeout(120_000);
  let server: ValidationServer;
  let base: string;
  let client: InstanceType<typeof Client>;
  before(async () => {
    server = await createServer({ threads: 2, logger: false, bodyLimit: 200_000, base: '/fhir' });
    base = `${await listen(server)}/fhir`;
    client = new Client({ baseUrl: base });
  });
  after(async () => server?.close());

  const post = (pathName: string, body: string, headers: Record<string, string> = { 'content-type': 'application/fhir+json' }) =>
    fetch(`${base}${pathName}`, { method: 'POST', body, headers });

  it('GET metadata: a CapabilityStatement declaring $validate and the IG (fhir-kit-client)', async () => {
    const cs = (await client.capabilityStatement()) as Record<string, any>;
    expect(cs.resourceType).to.equal('CapabilityStatement');
    expect(cs.fhirVersion).to.equal('5.0.0');
    expect(cs.implementationGuide[0]).to.match(/^http:\/\/hl7\.org\/fhir\/uv\/imaging-reference\/ImplementationGuide\/.+\|0\.1\.0$/);
    expect(cs.rest[0].operation).to.deep.include({ name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate' });
  });

  it('POST [type]/$validate with a Parameters body: the same issues as the library (fhir-kit-client)', async () => {
    const resource = JSON.parse(fs.readFileSync(INVALID, 'utf8'));
    const input = { resourceType: 'Parameters', parameter: [{ name: 'resource', resource }, { name: 'mode', valueCode: 'create' }] };
    const oo = (await client.operation({ name: '$validate', resourceType: resource.resourceType, input })) as Outcome;
    const expected = (await createValidator()).validateSync(resource);
    expect(oo).to.deep.equal(expected);
    expect(ruleIds(oo)).to.include('irf-2');
  });

  it('POST $validate with a bare resource: positions point into the body', async () => {
    const text = fs.readFileSync(INVALID, 'utf8');
    const res = await post('/$validate', text);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/fhir\+json/);
    expect(await res.json()).to.deep.equal((await createValidator()).validateSync(text, { format: 'json' }));
  });

  it('a valid resource: 200 and no error', async () => {
    const oo = (await (await post('/$validate', fs.readFileSync(VALID, 'utf8'))).json()) as Outcome;
    expect(oo.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal')).to.deep.equal([]);
  });

  it('XML in, XML out by Accept, and JSON out of XML in when asked', async () => {
    const text = fs.readFileSync(XML, 'utf8');
    const res = await post('/$validate', text, { 'content-type': 'application/fhir+xml', accept: 'application/fhir+xml' });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/fhir\+xml/);
    expect(await res.text()).to.match(/^<\?xml[^]*<OperationOutcome xmlns="http:\/\/hl7\.org\/fhir">/);
    const json = await post('/$validate?_format=json', text, { 'content-type': 'application/fhir+xml' });
    expect(((await json.json()) as Outcome).resourceType).to.equal('OperationOutcome');
  });

  it('a Parameters profile: validated against it; an unknown profile is a 400 OperationOutcome', async () => {
    const resource = JSON.parse(fs.readFileSync(VALID, 'utf8'));
    const unknown = { resourceType: 'Parameters', parameter: [{ name: 'resource', resource }, { name: 'profile', valueCanonical: 'http://example.org/no-such-profile' }] };
    const res = await post('/$validate', JSON.stringify(unknown));
    expect(res.status).to.equal(400);
    expect(ruleIds((await res.json()) as Outcome)).to.deep.equal(['server-profile-unknown']);
  });

  it('mode delete is refused as not supported', async () => {
    const body = { resourceType: 'Parameters', parameter: [{ name: 'resource', resource: { resourceType: 'Patient' } }, { name: 'mode', valueCode: 'delete' }] };
    const res = await post('/$validate', JSON.stringify(body));
    expect(res.status).to.equal(400);
    expect(((await res.json()) as Outcome).issue[0].code).to.equal('not-supported');
  });

  it('a resource of another type than [type] is a 400', async () => {
    const res = await post('/Observation/$validate', '{"resourceType":"Patient"}');
    expect(res.status).to.equal(400);
    expect(ruleIds((await res.json()) as Outcome)).to.deep.equal(['server-type-mismatch']);
  });

  it('bad bodies: syntax error 400, empty 400, unsupported Content-Type 415, too large 413 — each an OperationOutcome', async () => {
    const syntax = await post('/$validate', '{"resourceType": "Patient",');
    expect(syntax.status).to.equal(400);
    expect(ruleIds((await syntax.json()) as Outcome)).to.deep.equal(['json-syntax']);
    const empty = await post('/$validate', '');
    expect(empty.status).to.equal(400);
    expect(ruleIds((await empty.json()) as Outcome)).to.deep.equal(['server-body-empty']);
    const plain = await post('/$validate', 'x', { 'content-type': 'text/plain' });
    expect(plain.status).to.equal(415);
    expect(((await plain.json()) as Outcome).resourceType).to.equal('OperationOutcome');
    const large = await post('/$validate', JSON.stringify({ resourceType: 'Patient', text: 'x'.repeat(300_000) }));
    expect(large.status).to.equal(413);
    const oo = (await large.json()) as Outcome;
    expect(oo.issue[0].code).to.equal('too-costly');
    expect(ruleIds(oo)).to.deep.equal(['input-too-large']);
  });

  it('GET StructureDefinition/[id] and ?url= serve the IG definitions; an unknown one is a 404 OperationOutcome', async () => {
    const sd = (await client.read({ resourceType: 'StructureDefinition', id: 'ImagingReference' })) as Record<string, any>;
    expect(sd.url).to.equal('http://hl7.org/fhir/StructureDefinition/ImagingReference');
    const bundle = (await client.search({ resourceType: 'StructureDefinition', searchParams: { url: sd.url } })) as Record<string, any>;
    expect(bundle.total).to.equal(1);
    const missing = await fetch(`${base}/StructureDefinition/no-such`);
    expect(missing.status).to.equal(404);
    expect(((await missing.json()) as Outcome).issue[0].code).to.equal('not-found');
  });

  it('a health endpoint', async () => {
    const res = await fetch(`${base}/health`);
    expect(await res.json()).to.deep.include({ status: 'ok', threads: 2 });
  });
});

describe('imgref serve limits', function () {
  this.timeout(120_000);

  it('a validation past the time limit is a 503 and the server goes on answering', async () => {
    const server = await createServer({ threads: 1, logger: false, requestTimeoutMs: 1 });
    try {
      const base = await listen(server);
      const big = { resourceType: 'Bundle', type: 'collection', entry: Array.from({ length: 3000 }, (_, i) => ({ fullUrl: `urn:uuid:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, resource: { resourceType: 'Patient', gender: 'x' } })) };
      const res = await fetch(`${base}/$validate`, { method: 'POST', body: JSON.stringify(big), headers: { 'content-type': 'application/fhir+json' } });
      expect(res.status).to.equal(503);
      expect(ruleIds((await res.json()) as Outcome)).to.deep.equal(['server-timeout']);
      expect((await fetch(`${base}/health`)).status).to.equal(200);
    } finally {
      await server.close();
    }
  });

  it('past the concurrency limit (every thread busy, queue full) a request is a 503 with Retry-After', async () => {
    const server = await createServer({ threads: 1, logger: false, maxQueue: 0 });
    try {
      const base = await listen(server);
      const body = fs.readFileSync(INVALID, 'utf8');
      const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${base}/$validate`, { method: 'POST', body, headers: { 'content-type': 'application/fhir+json' } })));
      const statuses = answers.map((a) => a.status);
      expect(statuses).to.include(200);
      expect(statuses).to.include(503);
      const busy = answers.find((a) => a.status === 503)!;
      expect(busy.headers.get('retry-after')).to.equal('1');
      expect(ruleIds((await busy.json()) as Outcome)).to.deep.equal(['server-busy']);
    } finally {
      await server.close();
    }
  });

  it('close() lets a request under way finish (graceful shutdown)', async () => {
    const server = await createServer({ threads: 1, logger: false });
    const base = await listen(server);
    const pending = fetch(`${base}/$validate`, { method: 'POST', body: fs.readFileSync(INVALID, 'utf8'), headers: { 'content-type': 'application/fhir+json' } });
    await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await server.close();
    expect((await pending).status).to.equal(200);
    // Not held open by the client's keep-alive connection.
    expect(Date.now() - started).to.be.below(10_000);
  });
});
