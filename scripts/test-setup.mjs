#!/usr/bin/env node
// Run by `npm test` before anything else: the suites drive a real Chromium, PostgreSQL and nginx.
// Finds each; as root with apt-get, installs the Debian package of any that is missing; otherwise
// stops with one line saying what to install. Takes a few milliseconds when all are there.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingToolsLine, TOOLS } from '../test/fixtures/binaries.mjs';

const look = () => Object.values(TOOLS).map((tool) => ({ ...tool, path: tool.find() }));
let tools = look();
let missing = tools.filter((tool) => !tool.path);

// A tool pointed at by its variable is not installed over: the variable is what needs fixing.
const installable = missing.filter((tool) => !process.env[tool.override]);
const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (installable.length && canInstall) {
  const packages = installable.map((tool) => tool.debianPackage);
  console.log(`test setup: installing ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  } catch {
    // apt-get said why above; the check below says what is still missing.
  }
  tools = look();
  missing = tools.filter((tool) => !tool.path);
}

if (missing.length) {
  console.error(missingToolsLine(missing));
  process.exit(1);
}
console.log(`test setup: ${tools.map((tool) => `${tool.name} ${tool.path}`).join(', ')}`);
