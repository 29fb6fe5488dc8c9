#!/usr/bin/env node
// The `imgref` command. The TypeScript sources are compiled to dist/ by `npm ci` (prepare).
'use strict';
let main;
try {
  main = require('../dist/src/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    console.error('imgref: not compiled yet: run `npm ci` (or `npm run compile`) in the project first.');
    process.exit(2);
  }
  throw e;
}
main.run(process.argv).then((code) => { process.exitCode = code; });
