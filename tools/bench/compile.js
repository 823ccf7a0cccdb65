// Compiles tools/bench/solidity/*.sol (and OpenZeppelin's TimelockController)
// with the pinned solc (npm `solc`, tools/node/package.json) through its
// standard-JSON API: optimizer on, 200 runs, evmVersion cancun. Prints
// {"solc": version, "contracts": {Name: "0x<creation bytecode>"}} or exits 1
// with the compiler's errors on stderr.
// usage: node compile.js <tools/node/node_modules> <tools/bench/solidity>
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, sourcesDir] = process.argv.slice(2);
const solc = require(path.resolve(modules, 'solc'));

const TIMELOCK = '@openzeppelin/contracts/governance/TimelockController.sol';
const sources = {};
for (const file of fs.readdirSync(sourcesDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(sourcesDir, file), 'utf8') };
}
sources[TIMELOCK] = { content: fs.readFileSync(path.join(modules, TIMELOCK), 'utf8') };

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['evm.bytecode.object'] } },
  },
};
function findImports(p) {
  const file = p.startsWith('@') ? path.join(modules, p) : path.join(sourcesDir, p);
  try {
    return { contents: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: `${p}: ${e.message}` };
  }
}
const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (out.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}
const contracts = {};
for (const [file, byName] of Object.entries(out.contracts)) {
  for (const [name, c] of Object.entries(byName)) {
    if (file === TIMELOCK ? name === 'TimelockController' : sources[file] !== undefined) {
      contracts[name] = '0x' + c.evm.bytecode.object;
    }
  }
}
console.log(JSON.stringify({ solc: solc.version(), contracts }));
