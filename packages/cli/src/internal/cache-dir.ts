import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$VIGIL_CACHE`, else `$XDG_CACHE_HOME/vigil`, else `~/.cache/vigil`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.VIGIL_CACHE !== undefined && env.VIGIL_CACHE !== '') return env.VIGIL_CACHE;
  if (env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '') return join(env.XDG_CACHE_HOME, 'vigil');
  return join(env.HOME ?? homedir(), '.cache', 'vigil');
}
