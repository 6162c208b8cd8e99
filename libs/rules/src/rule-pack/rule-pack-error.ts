/** Every problem of a rule pack file in one error, one line each, each naming the file, rule and field. */
export class RulePackError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(problems.map((p) => `rules file ${file}: ${p}`).join('\n'));
    this.name = 'RulePackError';
  }
}
