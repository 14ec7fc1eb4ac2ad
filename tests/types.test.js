// The package's TypeScript definitions, as a consumer gets them from the packed tarball:
// tests/types/consumer.ts (and a CommonJS .cts) compiled with `tsc --noEmit` under Node's
// resolution (nodenext) and a bundler's (bundler), strict, exactOptionalPropertyTypes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { packPackage, ROOT } from './consumers/packed-package.js';

const run = promisify(execFile);
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CONFIGS = ['tsconfig.json', 'tsconfig.bundler.json'];
const DIRECTIVE = /\/\/ @ts-expect-error (TS\d+)/;

let project;

test('index.d.ts declares exactly the values that index.js and node.js export', async () => {
  const types = await readFile(join(ROOT, 'pkg', 'index.d.ts'), 'utf8');
  const declared = [...types.matchAll(/^export declare (?:function|class|const) (\w+)/gm)];
  // An overloaded function is declared once per overload.
  const names = [...new Set(declared.map(([, name]) => name))].sort();
  for (const entry of ['index.js', 'node.js']) {
    const module = await import(pathToFileURL(join(ROOT, 'pkg', entry)).href);
    const exported = Object.keys(module).sort();
    assert.deepEqual(names, exported, `pkg/${entry}`);
  }
});

// The consumer files beside an unpacked copy of the tarball in node_modules, so the types are
// found the way a project finds them: through package.json, not a path mapping.
before(async () => {
  project = await mkdtemp(join(tmpdir(), 'csr-types-'));
  const { tarball } = await packPackage(project);
  const installed = join(project, 'node_modules', 'customer-source-records');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  await cp(join(ROOT, 'tests', 'types'), project, { recursive: true });
});

after(() => rm(project, { recursive: true, force: true }));

/** Runs tsc; resolves with its exit code and the `file(line,col): error TSnnnn` lines. */
async function tsc(args) {
  try {
    const { stdout } = await run(process.execPath, [TSC, '--pretty', 'false', ...args], {
      cwd: project,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, output: error.stdout };
  }
}

async function configFiles(config) {
  const { files } = JSON.parse(await readFile(join(project, config), 'utf8'));
  return files;
}

/** `{ file, line, code }` for every `// @ts-expect-error TSnnnn`: the line below must fail. */
async function expectedErrors(files) {
  const expected = [];
  for (const file of files) {
    const lines = (await readFile(join(project, file), 'utf8')).split('\n');
    lines.forEach((text, at) => {
      const code = DIRECTIVE.exec(text)?.[1];
      if (code) expected.push({ file, line: at + 2, code });
    });
  }
  return expected;
}

function reportedErrors(output) {
  const pattern = /^(.+?)\((\d+),\d+\): error (TS\d+)/gm;
  return [...output.matchAll(pattern)].map(([, file, line, code]) => ({
    file,
    line: Number(line),
    code,
  }));
}

for (const config of CONFIGS) {
  describe(`types with ${config}`, () => {
    test('the consumer compiles against the packed index.d.ts and nothing else', async () => {
      const { code, output } = await tsc(['-p', config, '--listFiles']);
      assert.equal(code, 0, output);
      const files = output.split('\n').filter((line) => line.includes('customer-source-records'));
      assert.deepEqual(
        files.map((file) => file.slice(file.lastIndexOf('/') + 1)),
        ['index.d.ts'],
      );
    });

    // tsc alone fails on an unneeded directive (TS2578, checked by hand as consumer.ts says);
    // this also proves each line fails for the reason its directive names.
    test('without the @ts-expect-error directives, exactly those lines fail', async () => {
      const files = await configFiles(config);
      const expected = await expectedErrors(files);
      assert.ok(expected.length >= 10, `only ${expected.length} directives found`);
      for (const file of files) {
        const text = await readFile(join(project, file), 'utf8');
        const stripped = text.replaceAll('// @ts-expect-error', '// expected error');
        await writeFile(join(project, `stripped-${file}`), stripped);
      }
      const strippedConfig = `stripped-${config}`;
      const settings = JSON.parse(await readFile(join(project, config), 'utf8'));
      settings.files = files.map((file) => `stripped-${file}`);
      await writeFile(join(project, strippedConfig), JSON.stringify(settings));

      const { code, output } = await tsc(['-p', strippedConfig]);
      assert.notEqual(code, 0);
      const reported = reportedErrors(output).map((error) => ({
        ...error,
        file: error.file.replace(/^stripped-/, ''),
      }));
      const key = ({ file, line, code }) => `${file}:${line} ${code}`;
      assert.deepEqual([...new Set(reported.map(key))].sort(), expected.map(key).sort(), output);
    });
  });
}
