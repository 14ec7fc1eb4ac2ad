// Packs pkg/ with `npm pack`, as it would be published, for tests that install or unpack it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Packs pkg/ into `folder`; resolves with the tarball's path and the files it holds. */
export async function packPackage(folder) {
  if (!existsSync(join(ROOT, 'pkg', 'package.json'))) {
    throw new Error('pkg/ is not built: run scripts/build');
  }
  const { stdout } = await run(
    'npm',
    ['pack', join(ROOT, 'pkg'), '--pack-destination', folder, '--json', '--silent'],
    { cwd: folder },
  );
  const [packed] = JSON.parse(stdout);
  return { tarball: join(folder, packed.filename), files: packed.files.map((file) => file.path) };
}
