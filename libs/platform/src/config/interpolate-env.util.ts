/**
 * Fills `${VAR}` and `${VAR:-default}` placeholders in every string of a parsed YAML tree.
 * Missing variables are reported by path so a secret left unset is caught at boot, not at first send.
 */
export function interpolateEnv(
  node: unknown,
  env: Record<string, string | undefined>,
  missing: string[] = [],
  path = '',
): unknown {
  if (typeof node === 'string') {
    return node.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      missing.push(`${path || '(root)'}: environment variable ${name} is not set`);
      return '';
    });
  }
  if (Array.isArray(node)) return node.map((item, i) => interpolateEnv(item, env, missing, `${path}[${i}]`));
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, interpolateEnv(v, env, missing, path ? `${path}.${k}` : k)]),
    );
  }
  return node;
}
