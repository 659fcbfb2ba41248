/**
 * Browser tests run against the built web apps: build them once per run
 * (Vite takes a few seconds) unless SKIP_WEB_BUILD=1 says they are current.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup() {
  if (process.env.SKIP_WEB_BUILD === '1') return;
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}
