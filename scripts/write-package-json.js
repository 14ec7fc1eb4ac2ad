// Writes pkg/package.json from package/package.json, taking the version from Cargo.toml so the
// crate and the npm package never disagree.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const cargo = readFileSync(new URL('Cargo.toml', root), 'utf8');
const version = /^version = "([^"]+)"$/m.exec(cargo)?.[1];
if (!version) throw new Error('no version in Cargo.toml');

const manifest = JSON.parse(readFileSync(new URL('package/package.json', root), 'utf8'));
manifest.version = version;
writeFileSync(new URL('pkg/package.json', root), `${JSON.stringify(manifest, null, 2)}\n`);
