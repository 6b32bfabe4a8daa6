// Signs EIP-712 typed data as a browser wallet does, with ethers' signTypedData: the
// typed data (eth_signTypedData_v4 JSON) on stdin, the private key as the argument; the
// signature is printed in hex. Run with NODE_PATH=contracts/node_modules.
const { Wallet } = require("ethers");

let input = "";
process.stdin.on("data", (c) => (input += c));
process.stdin.on("end", async () => {
  const td = JSON.parse(input);
  const types = { ...td.types };
  delete types.EIP712Domain; // ethers derives the domain type itself
  const sig = await new Wallet(process.argv[2]).signTypedData(td.domain, types, td.message);
  process.stdout.write(sig + "\n");
});
