// Builds the SPA into packages/web/dist (skipped when the build is newer than every source file).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const web = 'packages/web';
const dist = path.join(web, 'dist', 'index.html');
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const srcTime = Math.max(newest(path.join(web, 'src')), fs.statSync(path.join(web, 'index.html')).mtimeMs, newest('packages/domain/src'));
if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs > srcTime && !process.argv.includes('--force')) process.exit(0);
console.log('Building the web app…');
const r = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { cwd: '.', stdio: 'inherit', env: { ...process.env } });
process.exit(r.status ?? 1);
