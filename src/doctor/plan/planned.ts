import type { Change, Json } from './types';

export type Path = ReadonlyArray<string | number>;

function pick(value: Json | undefined, key: string | number): Json | undefined {
  if (typeof key === 'number') return Array.isArray(value) ? value[key] : undefined;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value[key];
  return undefined;
}

/**
 * A planned value together with its unknown-ness. In the plan JSON, values
 * known only after apply are absent from `after` and marked `true` at the same
 * path in `after_unknown`; anything below an unknown value is unknown too.
 */
export class Planned {
  constructor(
    readonly raw: Json | undefined,
    private readonly unknownMark: Json | undefined,
  ) {}

  static after(change: Change): Planned {
    return new Planned(change.after, change.after_unknown ?? false);
  }

  /** Not known until apply. */
  get unknown(): boolean {
    return this.unknownMark === true;
  }

  /** Known to be null or not set. */
  get absent(): boolean {
    return !this.unknown && (this.raw === null || this.raw === undefined);
  }

  at(...path: Path): Planned {
    return path.reduce<Planned>((value, key) => value.child(key), this);
  }

  private child(key: string | number): Planned {
    if (this.unknown) return this;
    return new Planned(pick(this.raw, key), pick(this.unknownMark, key));
  }

  string(): string | undefined {
    return !this.unknown && typeof this.raw === 'string' ? this.raw : undefined;
  }

  number(): number | undefined {
    return !this.unknown && typeof this.raw === 'number' ? this.raw : undefined;
  }

  bool(): boolean | undefined {
    return !this.unknown && typeof this.raw === 'boolean' ? this.raw : undefined;
  }

  /** Elements of a known list (elements may themselves be unknown); [] when unknown or not a list. */
  items(): Planned[] {
    if (this.unknown) return [];
    const rawLength = Array.isArray(this.raw) ? this.raw.length : 0;
    const markLength = Array.isArray(this.unknownMark) ? this.unknownMark.length : 0;
    return Array.from({ length: Math.max(rawLength, markLength) }, (_, i) => this.child(i));
  }

  /** The known strings of a string or list of strings, and whether that is all of it. */
  strings(): { values: string[]; complete: boolean } {
    if (this.unknown) return { values: [], complete: false };
    if (typeof this.raw === 'string') return { values: [this.raw], complete: true };
    if (this.absent) return { values: [], complete: true };
    const items = this.items();
    const values = items.map((item) => item.string()).filter((s): s is string => s !== undefined);
    return { values, complete: items.every((item) => !item.unknown) };
  }
}
