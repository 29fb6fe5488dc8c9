// `npm pack` hooks (prepack, postpack) that make the tarball an offline kit.
// prepack: compiles the IG (SUSHI) so that its definitions ship, then lists every runtime
// dependency under bundleDependencies, so that the tarball carries them (the FHIR packages
// included) and installs without network or npm cache. Only for the pack: a package.json that
// bundles its dependencies makes every `npm install` in the clone walk all of node_modules.
// postpack: puts package.json back as it was.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const manifest = path.join(root, 'package.json');
const saved = path.join(root, '.package.json.before-pack');

function prepack() {
  if (!process.env.IMGREF_PACK_SKIP_SUSHI) {
    const sushi = spawnSync(process.execPath, [require.resolve('tsx/cli', { paths: [root] }), path.join(__dirname, 'run-sushi.ts')], { cwd: root, stdio: 'inherit' });
    if (sushi.status !== 0) return 1;
  }
  const text = fs.readFileSync(manifest, 'utf8');
  fs.writeFileSync(saved, text);
  const pkg = JSON.parse(text);
  pkg.bundleDependencies = Object.keys(pkg.dependencies ?? {});
  fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
  return 0;
}

function postpack() {
  if (fs.existsSync(saved)) fs.renameSync(saved, manifest);
  return 0;
}

process.exitCode = process.argv[2] === 'postpack' ? postpack() : prepack();
