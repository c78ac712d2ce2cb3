// Runs StackShapeGenerator modules under node's V8 and prints what StackShapeTrace.java prints on Enoki: for each
// exported function fN, in export order, called after "refuel" with fixed arguments, its results, or "trap" and the
// trap's message, or "exhaustion"; after each call the memory's pages and FNV-1a hash and each exported global.
// Usage: node run-stack-shapes.js a.wasm [b.wasm ...]; modules are separated by "== file".
'use strict';
const fs = require('fs');

// The argument at position i of a parameter of each type: StackShapeTrace.argument passes the same.
const ARGUMENTS = {
  i32: [13, -7, 200],
  i64: [-99n, 4294967297n, 42n],
  f32: [1.5, -2.25, 1048576],
  f64: [-0.5, 3e9, 7.25],
};

function bits32(v) {
  if (Number.isNaN(v)) return 'nan';
  return 'f32:' + new Uint32Array(new Float32Array([v]).buffer)[0];
}
function bits64(v) {
  if (Number.isNaN(v)) return 'nan';
  return 'f64:' + new BigUint64Array(new Float64Array([v]).buffer)[0];
}
function show(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + (v | 0);
    case 'i64': return 'i64:' + BigInt.asIntN(64, v);
    case 'f32': return bits32(v);
    case 'f64': return bits64(v);
    default: throw new Error('type ' + type);
  }
}
function isExhaustion(e) {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
function state(instance, globals) {
  const bytes = new Uint8Array(instance.exports.memory.buffer);
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash = Math.imul(hash ^ bytes[i], 0x01000193);
  }
  let out = 'mem=' + (bytes.length / 65536) + ':' + (hash >>> 0).toString(16);
  for (const [name, type] of globals) out += ' ' + name + '=' + show(type, instance.exports[name].value);
  return out;
}

for (const file of process.argv.slice(2)) {
  console.log('== ' + file.replace(/.*\//, ''));
  const lines = [];
  try {
    const bytes = fs.readFileSync(file);
    const module = new WebAssembly.Module(bytes);
    const { functions, globals } = exportTypes(bytes);
    const instance = new WebAssembly.Instance(module, {});
    for (const [name, sig] of functions) {
      if (!/^f\d+$/.test(name)) continue;
      instance.exports.refuel();
      let outcome;
      try {
        const r = instance.exports[name](...sig.params.map((t, i) => ARGUMENTS[t][i % 3]));
        const results = sig.results.length === 1 ? [r] : (sig.results.length === 0 ? [] : r);
        outcome = results.map((v, i) => show(sig.results[i], v)).join(' ');
      } catch (e) {
        outcome = isExhaustion(e) ? 'exhaustion' : (e instanceof WebAssembly.RuntimeError ? 'trap ' + e.message : 'error ' + e);
      }
      lines.push('call ' + name + ' -> ' + outcome);
      lines.push('state ' + state(instance, globals));
      if (outcome === 'exhaustion') break;
    }
  } catch (e) {
    lines.push('instantiate failed: ' + e);
  }
  console.log(lines.join('\n'));
}

// The types of the exported functions and globals, in export order, read from the binary (the JS API of node 20 does
// not give them). The modules import nothing.
function exportTypes(bytes) {
  let p = 8;
  const u32 = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const skipLeb = () => { while (bytes[p++] & 0x80) { /* skip */ } };
  const names = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64' };
  const types = [], funcTypes = [], globalTypes = [];
  const functions = new Map(), globals = new Map();
  while (p < bytes.length) {
    const id = bytes[p++]; const size = u32(); const end = p + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        p++;
        const params = []; for (let k = u32(); k > 0; k--) params.push(names[bytes[p++]]);
        const results = []; for (let k = u32(); k > 0; k--) results.push(names[bytes[p++]]);
        types.push({ params, results });
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) funcTypes.push(u32());
    } else if (id === 6) {
      for (let n = u32(); n > 0; n--) {
        globalTypes.push(names[bytes[p++]]);
        p++; // mutability
        // A constant expression: one instruction, then end.
        const op = bytes[p++];
        if (op === 0x41 || op === 0x42) skipLeb(); else if (op === 0x43) p += 4; else if (op === 0x44) p += 8; else if (op === 0x23) u32();
        else throw new Error('initializer opcode ' + op);
        if (bytes[p++] !== 0x0b) throw new Error('initializer longer than one instruction');
      }
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const l = u32(); const name = Buffer.from(bytes.subarray(p, p + l)).toString('utf8'); p += l;
        const kind = bytes[p++]; const index = u32();
        if (kind === 0) functions.set(name, types[funcTypes[index]]);
        else if (kind === 3) globals.set(name, globalTypes[index]);
      }
    }
    p = end;
  }
  return { functions, globals };
}
