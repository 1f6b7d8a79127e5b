import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The pages live in apps/inbox/public; from a build (dist/apps/inbox/...) or from ts sources the way up differs.
const CANDIDATES = [join(__dirname, '..', 'public'), join(__dirname, '..', '..', '..', '..', 'apps', 'inbox', 'public'), join(process.cwd(), 'apps', 'inbox', 'public')];

export function publicDir(): string {
  const dir = CANDIDATES.find((d) => existsSync(join(d, 'chat.html')));
  if (!dir) throw new Error(`the web pages were not found; looked in ${CANDIDATES.join(', ')}`);
  return dir;
}

export function resolvePublicFile(name: string): string {
  return join(publicDir(), name);
}
