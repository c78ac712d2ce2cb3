// Prints "valid" or "invalid" for each module file, by V8's WebAssembly.validate.
'use strict';
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  console.log(file.replace(/.*\//, '') + ' ' + (WebAssembly.validate(fs.readFileSync(file)) ? 'valid' : 'invalid'));
}
