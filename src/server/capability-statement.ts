import type { IgResources } from './ig-resources';
import { KIT_VERSION } from './ig-resources';

const VALIDATE = 'http://hl7.org/fhir/OperationDefinition/Resource-validate';

/** What `GET [base]/metadata` answers: the $validate operation, the readable IG resources, the IG. */
export function capabilityStatement(ig: IgResources, baseUrl: string): Record<string, unknown> {
  const guide = ig.implementationGuide;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'imgref', version: KIT_VERSION },
    implementation: { description: 'ImagingReference conformance kit: $validate against FHIR R5 and the ImagingReference IG', url: baseUrl },
    fhirVersion: '5.0.0',
    format: ['json', 'xml'],
    ...(guide?.url ? { implementationGuide: [guide.version ? `${guide.url}|${guide.version}` : guide.url] } : {}),
    rest: [
      {
        mode: 'server',
        resource: ig.types.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
          searchParam: [{ name: 'url', type: 'uri' }],
          operation: [{ name: 'validate', definition: VALIDATE }],
        })),
        operation: [{ name: 'validate', definition: VALIDATE }],
      },
    ],
  };
}
