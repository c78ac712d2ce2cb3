// Runs binaryen -ttf modules under node's V8 and prints the observable trace in the format FuzzTrace.java prints:
// every fuzzing-support log call, then for each exported function (called with zero arguments, after resetting the
// hang limit) its results or "trap". Usage: node run-node.js a.wasm [b.wasm ...]; modules are separated by "== file".
'use strict';
const fs = require('fs');

function bits32(v) {
  if (Number.isNaN(v)) return 'nan';
  const f = new Float32Array([v]);
  return 'f32:' + new Uint32Array(f.buffer)[0];
}
function bits64(v) {
  if (Number.isNaN(v)) return 'nan';
  const f = new Float64Array([v]);
  return 'f64:' + new BigUint64Array(f.buffer)[0];
}
function show(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + (v | 0);
    case 'i64': return 'i64:' + BigInt.asIntN(64, v);
    case 'f32': return bits32(v);
    case 'f64': return bits64(v);
    default: return v === null ? 'null' : 'ref';
  }
}
function zero(type) {
  switch (type) {
    case 'i64': return 0n;
    case 'i32': case 'f32': case 'f64': return 0;
    default: return null;
  }
}
function isExhaustion(e) {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

for (const file of process.argv.slice(2)) {
  console.log('== ' + file.replace(/.*\//, ''));
  const lines = [];
  const log = (t) => (v) => { lines.push('log ' + show(t, v)); };
  let instance;
  try {
    const module = new WebAssembly.Module(fs.readFileSync(file));
    const signatures = functionSignatures(fs.readFileSync(file));
    instance = new WebAssembly.Instance(module, {
      'fuzzing-support': { 'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64') }
    });
    for (const exp of WebAssembly.Module.exports(module)) {
      if (exp.kind !== 'function' || exp.name === 'hangLimitInitializer') continue;
      if (instance.exports.hangLimitInitializer) instance.exports.hangLimitInitializer();
      const sig = signatures.get(exp.name);
      let outcome;
      try {
        const r = instance.exports[exp.name](...sig.params.map(zero));
        const results = sig.results.length === 1 ? [r] : (sig.results.length === 0 ? [] : r);
        outcome = results.map((v, i) => show(sig.results[i], v)).join(' ');
      } catch (e) {
        outcome = isExhaustion(e) ? 'exhaustion' : (e instanceof WebAssembly.RuntimeError ? 'trap' : 'error ' + e);
      }
      lines.push('call ' + exp.name + ' -> ' + outcome);
      if (outcome === 'exhaustion') break;
    }
  } catch (e) {
    lines.push('instantiate failed: ' + e);
  }
  console.log(lines.join('\n'));
}

// Parameter and result types of exported functions, read from the binary (the JS API does not expose them).
function functionSignatures(bytes) {
  let p = 8;
  const u32 = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const names = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'funcref', 0x6f: 'externref', 0x7b: 'v128' };
  const types = [], funcTypes = [], exports = new Map();
  while (p < bytes.length) {
    const id = bytes[p++]; const size = u32(); const end = p + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) { p++; const params = []; for (let k = u32(); k > 0; k--) params.push(names[bytes[p++]]);
        const results = []; for (let k = u32(); k > 0; k--) results.push(names[bytes[p++]]); types.push({ params, results }); }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) { const skip = () => { const l = u32(); p += l; }; skip(); skip(); const kind = bytes[p++];
        if (kind === 0) funcTypes.push(u32()); else if (kind === 1) { p++; const f = bytes[p++]; u32(); if (f & 1) u32(); }
        else if (kind === 2) { const f = bytes[p++]; u32(); if (f & 1) u32(); } else { p += 2; } }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) funcTypes.push(u32());
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) { const l = u32(); const name = Buffer.from(bytes.subarray(p, p + l)).toString('utf8'); p += l;
        const kind = bytes[p++]; const index = u32(); if (kind === 0) exports.set(name, types[funcTypes[index]]); }
    }
    p = end;
  }
  return exports;
}
