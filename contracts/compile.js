// Compiles contracts/src with the pinned solc-js and writes ABI and bytecode to
// contracts/artifacts. Run through gen.sh (go generate ./contracts/...).
"use strict";
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const root = __dirname;
const want = require("./package.json").dependencies.solc;
if (!solc.version().startsWith(want + "+")) {
  console.error(`solc ${solc.version()} is not the pinned ${want}`);
  process.exit(1);
}

const sources = {};
function collect(dir) {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) collect(p);
    else if (name.endsWith(".sol")) {
      sources[path.relative(root, p)] = { content: fs.readFileSync(p, "utf8") };
    }
  }
}
collect(path.join(root, "src"));

const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    viaIR: true,
    metadata: { bytecodeHash: "none", appendCBOR: false },
    outputSelection: {
      "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "evm.deployedBytecode.immutableReferences"] },
    },
  },
};

const out = JSON.parse(solc.compile(JSON.stringify(input)));
let failed = false;
for (const e of out.errors || []) {
  console.error(e.formattedMessage);
  if (e.severity === "error") failed = true;
}
if (failed) process.exit(1);

const dir = path.join(root, "artifacts");
fs.mkdirSync(dir, { recursive: true });
for (const file of Object.keys(out.contracts).sort()) {
  for (const [name, c] of Object.entries(out.contracts[file])) {
    if (c.evm.bytecode.object === "") continue; // interfaces
    fs.writeFileSync(path.join(dir, name + ".abi"), JSON.stringify(c.abi, null, 1) + "\n");
    fs.writeFileSync(path.join(dir, name + ".bin"), c.evm.bytecode.object + "\n");
    if (name === "ChannelManager") {
      // The runtime code a deployment holds, and where its immutables go: what a watched
      // contract's code is checked against (contracts.CheckRuntime).
      const d = c.evm.deployedBytecode;
      const immutables = Object.values(d.immutableReferences || {}).flat().sort((a, b) => a.start - b.start);
      fs.writeFileSync(path.join(dir, name + ".runtime.json"), JSON.stringify({ object: d.object, immutables }, null, 1) + "\n");
    }
    console.log(`compiled ${file}:${name}`);
  }
}
