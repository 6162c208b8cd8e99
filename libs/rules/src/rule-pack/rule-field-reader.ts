import { isCalendarDateText } from '../calendar/county-time';

/**
 * Reads one mapping of a rule pack file field by field. Each wrong field adds one problem naming its
 * path and what was there, and reading goes on, so a county sees every mistake in one start-up
 * instead of one per attempt. Readers return a placeholder value after a problem; the loader throws
 * before anything uses it.
 */
export class RuleFieldReader {
  private readonly seen = new Set<string>();
  private readonly failedFields = new Set<string>();

  constructor(
    private readonly body: Record<string, unknown>,
    /** e.g. "rule omit.disaster: " or "rule omit.education: attributeConditions[0]." */
    private readonly prefix: string,
    readonly problems: string[],
  ) {}

  /** A reader for a mapping inside a list or field, with its path in the prefix. */
  static of(value: unknown, prefix: string, path: string, problems: string[]): RuleFieldReader | undefined {
    if (isMapping(value)) return new RuleFieldReader(value, `${prefix}${path}.`, problems);
    problems.push(`${prefix}${path} must be a mapping (got ${describeValue(value)})`);
    return undefined;
  }

  has(field: string): boolean {
    return this.body[field] !== undefined && this.body[field] !== null;
  }

  raw(field: string): unknown {
    this.seen.add(field);
    return this.body[field];
  }

  /** `${prefix}${field}`: how a problem names this field. */
  pathOf(field: string): string {
    return `${this.prefix}${field}`;
  }

  report(field: string, problem: string): void {
    this.failedFields.add(field);
    this.problems.push(`${this.pathOf(field)} ${problem}`);
  }

  /** Whether a problem was reported for this field: later checks that build on it stay quiet. */
  failed(field: string): boolean {
    return this.failedFields.has(field);
  }

  /** For a problem a nested reader reported inside this field. */
  markFailed(field: string): void {
    this.failedFields.add(field);
  }

  text(field: string): string {
    const value = this.raw(field);
    if (typeof value === 'string' && value.trim()) return value;
    this.complain(field, value, 'must be non-empty text');
    return '';
  }

  boolean(field: string, fallback?: boolean): boolean {
    const value = this.raw(field);
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.complain(field, value, 'must be true or false');
    return false;
  }

  integer(field: string, min: number, fallback?: number): number {
    const value = this.raw(field);
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
    this.complain(field, value, `must be an integer >= ${min}`);
    return min;
  }

  /** A county date YYYY-MM-DD that exists. */
  date(field: string): string {
    const value = this.raw(field);
    if (isCalendarDateText(value)) return value;
    this.complain(field, value, 'must be a date YYYY-MM-DD');
    return '';
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], fallback?: T): T {
    const value = this.raw(field);
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.complain(field, value, `must be one of ${allowed.join(', ')}`);
    return allowed[0];
  }

  /**
   * A list of codes from a catalogue (programs, statuses). Codes outside it would make a rule that can
   * never fire (contract §5: unknown codes fire no rule), which a county would not notice otherwise.
   */
  codes(
    field: string,
    catalogue: ReadonlySet<string>,
    what: string,
    options: { minItems: number; optional?: boolean },
  ): string[] {
    const value = this.raw(field);
    if (value === undefined && options.optional) return [];
    if (!Array.isArray(value)) {
      this.complain(field, value, `must be a list of ${what} codes`);
      return [];
    }
    if (value.length < options.minItems)
      this.report(field, `must list at least ${options.minItems} ${what} code${options.minItems > 1 ? 's' : ''}`);
    const codes: string[] = [];
    value.forEach((code, i) => {
      if (typeof code !== 'string' || !catalogue.has(code)) {
        this.report(`${field}[${i}]`, `${JSON.stringify(code ?? null)} is not a ${what} code of contract §5`);
        this.markFailed(field);
      } else if (codes.includes(code)) {
        this.report(`${field}[${i}]`, `${code} is listed twice`);
      } else {
        codes.push(code);
      }
    });
    return codes;
  }

  code(field: string, catalogue: ReadonlySet<string>, what: string): string {
    const value = this.raw(field);
    if (typeof value === 'string' && catalogue.has(value)) return value;
    this.complain(field, value, `must be a ${what} code of contract §5`);
    return '';
  }

  list(field: string, options: { optional?: boolean } = {}): unknown[] {
    const value = this.raw(field);
    if (value === undefined && options.optional) return [];
    if (Array.isArray(value)) return value;
    this.complain(field, value, 'must be a list');
    return [];
  }

  /** Fields nobody read: usually a typo (windowDay), which would otherwise silently keep the default. */
  reportUnknownFields(): void {
    for (const field of Object.keys(this.body))
      if (!this.seen.has(field)) this.problems.push(`${this.pathOf(field)} is not a known field`);
  }

  private complain(field: string, value: unknown, expectation: string): void {
    if (value === undefined || value === null)
      this.report(field, `is missing (${expectation.replace(/^must be /, '')})`);
    else this.report(field, `${expectation} (got ${describeValue(value)})`);
  }
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
