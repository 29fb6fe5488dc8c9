// npm's postinstall. In a clone of this project (`npm ci`): copies the pinned FHIR packages into
// the FHIR package cache, where SUSHI and the HL7 validator read them (scripts/install-fhir-packages.ts).
// In the installed kit (`npm install imaging-reference-ig-<version>.tgz`): nothing to do; the kit
// reads the FHIR packages from node_modules, and neither the script nor tsx is shipped.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const script = path.join(__dirname, 'install-fhir-packages.ts');
let tsx;
try {
  tsx = require.resolve('tsx/cli', { paths: [path.join(__dirname, '..')] });
} catch {
  tsx = undefined;
}
if (fs.existsSync(script) && tsx) {
  const run = spawnSync(process.execPath, [tsx, script], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
}
