// Builds the SPA into packages/web/dist (skipped when the build is newer than every source file; --force rebuilds).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(repo, 'packages/web');
const dist = path.join(web, 'dist', 'index.html');

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs; // a deleted file changes its folder's mtime
  for (const e of fs.readdirSync(p, { withFileTypes: true })) t = Math.max(t, newest(path.join(p, e.name)));
  return t;
}

const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((f) => path.join(web, f));
const srcTime = Math.max(...inputs.map(newest), newest(path.join(repo, 'packages/domain/src')));
if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs > srcTime && !process.argv.includes('--force')) process.exit(0);

console.log('Building the web app…');
const vite = path.join(repo, 'node_modules/vite/bin/vite.js');
const r = spawnSync(process.execPath, [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit', env: { ...process.env , NODE_ENV: 'production' } });
if (r.status === 0) {
  fs.utimesSync(dist, new Date(), new Date()); // dist/index.html marks the build time
  pruneOldAssets();
}
process.exit(r.status ?? 1);

/** Removes hashed assets that index.html no longer names, once they are old enough that no page still loads them. */
function pruneOldAssets(): void {
  const assets = path.join(web, 'dist', 'assets');
  if (!fs.existsSync(assets)) return;
  const html = fs.readFileSync(dist, 'utf8');
  const cutoff = Date.now() - 10 * 60_000;
  for (const f of fs.readdirSync(assets)) {
    const p = path.join(assets, f);
    try {
      if (!html.includes(`/assets/${f}`) && fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, { force: true });
    } catch {}
  }
}
