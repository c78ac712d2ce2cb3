// Runs a WASI command module under node's WASI (uvwasi), the reference the Enoki WASI tests compare with.
// usage: node --no-warnings node-wasi-runner.js <module.wasm> <guest dir> <host dir> <argv0> [args...]
// The environment is the JSON object in WASI_TEST_ENV.
'use strict';
const { WASI } = require('node:wasi');
const fs = require('node:fs');

const [wasmPath, guestDir, hostDir, ...args] = process.argv.slice(2);
const preopens = {};
if (guestDir) {
  preopens[guestDir] = hostDir;
}
const wasi = new WASI({
  version: 'preview1',
  args,
  env: JSON.parse(process.env.WASI_TEST_ENV || '{}'),
  preopens,
  returnOnExit: true,
});
const wasmModule = new WebAssembly.Module(fs.readFileSync(wasmPath));
const instance = new WebAssembly.Instance(wasmModule, wasi.getImportObject());
process.exitCode = wasi.start(instance);
