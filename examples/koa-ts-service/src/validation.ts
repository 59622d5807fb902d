/** Field checks that collect every problem, so a 422 lists them all at once. */
export class Validator {
  readonly problems: Array<{ field: string; message: string }> = [];
  private readonly input: Record<string, unknown>;

  constructor(body: unknown) {
    this.input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    if (this.input !== body) this.problems.push({ field: '(body)', message: 'must be a JSON object' });
  }

  has(field: string): boolean {
    return this.input[field] !== undefined;
  }

  string(field: string, opts: { required: boolean; max: number }): string | undefined {
    const v = this.input[field];
    if (v === undefined) {
      if (opts.required) this.problems.push({ field, message: 'is required' });
      return undefined;
    }
    if (typeof v !== 'string' || !v.trim()) {
      this.problems.push({ field, message: 'must be a non-empty string' });
      return undefined;
    }
    if (v.length > opts.max) {
      this.problems.push({ field, message: `must be at most ${opts.max} characters` });
      return undefined;
    }
    return v.trim();
  }

  oneOf<T extends string>(field: string, values: readonly T[]): T | undefined {
    const v = this.input[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.problems.push({ field, message: `must be one of ${values.join(', ')}` });
      return undefined;
    }
    return v as T;
  }

  integerOrNull(field: string): number | null | undefined {
    const v = this.input[field];
    if (v === undefined || v === null) return v;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      this.problems.push({ field, message: 'must be a positive integer or null' });
      return undefined;
    }
    return v;
  }
}
