/** A configuration problem found at boot: names every bad key so ops can fix the file in one pass. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Where validators collect problems during one load, so the loader reports them all at once. */
export interface ConfigProblems {
  readonly problems: string[];
}
