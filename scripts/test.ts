// `npm test`: type-check, lint, then every test project (unit, integration on PGlite and — when
// DATABASE_URL is set — PostgreSQL, e2e in Chromium). Ends with one summary line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const bin = (n: string) => `node_modules/.bin/${n}`;
function step(name: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

let ok = step('build web', process.execPath, ['scripts/build-web.ts']);
ok = step('type-check', bin('tsc'), ['-p', 'packages/domain']) && ok;
ok = step('type-check server', bin('tsc'), ['-p', 'packages/server']) && ok;
ok = step('type-check web', bin('tsc'), ['-p', 'packages/web']) && ok;
ok = step('type-check e2e', bin('tsc'), ['-p', 'e2e']) && ok;
ok = step('type-check bench', bin('tsc'), ['-p', 'bench']) && ok;
ok = step('lint', bin('biome'), ['lint', '.']) && ok;
ok = step('openapi is committed and current', process.execPath, ['packages/server/src/scripts/openapi.ts', '--check']) && ok;
const out = '.vitest-results.json';
fs.rmSync(out, { force: true });
const testsOk = step('tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(out)) {
  const j = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed = j.numPassedTests;
  failed = j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  skipped = j.numPendingTests + j.numTodoTests;
} else failed = 1;
if ((!ok || !testsOk) && failed === 0) failed = 1; // a failed type-check, lint or runner error counts as a failure
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && testsOk && failed === 0 ? 0 : 1);
