import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A secret of the local runtime kept in `file` (mode 0600, only its owner reads it), made by `make` the first
 * time: a restarted demo and its services read the same one. Written exclusively, so two starts at once keep one.
 */
export function localSecretFile(file: string, make: () => string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `${make()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return file;
}
