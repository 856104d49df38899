/**
 * The error the constructs throw for bad props. A person reads it once, to fix a prop, so it
 * prints as its message alone wherever it ends up: caught and logged, uncaught in a plain
 * `node` app, or under `cdktf synth` (which shows the app's stderr).
 */

/** The symbol `util.inspect` (console.log, console.error) calls, without importing `util`. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Bad props of a construct: one line per problem, each naming the prop, the value and what is allowed. */
export class ValidationError extends Error {
  /** The construct and its path, as `EfsFilesystem "app/efs"`. */
  declare readonly construct: string;
  /** One sentence per problem, as listed in the message. */
  declare readonly problems: readonly string[];

  constructor(construct: string, problems: readonly string[]) {
    super(`${construct} has invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    // Not enumerable: Node prints an uncaught error's own enumerable properties after its
    // message, which showed the problems a second time.
    Object.defineProperties(this, {
      construct: { value: construct, enumerable: false },
      problems: { value: Object.freeze([...problems]), enumerable: false },
    });
    // Bad input is the user's to fix, not a bug to debug: the message is the whole story, and
    // frames inside this package's dist/ would only hide it.
    this.stack = `${this.name}: ${this.message}`;
  }

  /** `console.log(error)` and `console.error(error)` print the message list, nothing else. */
  [INSPECT](): string {
    return this.stack!;
  }
}

// On the prototype, not an own property of each error.
Object.defineProperty(ValidationError.prototype, 'name', {
  value: 'ValidationError',
  writable: true,
  configurable: true,
});

/**
 * Throws a ValidationError. When nothing catches it, Node prints the source line of the throw
 * (a line of this package's dist/) above the error, unless that line holds the marker below,
 * which Node's own module loader uses for the same purpose (src/node_errors.cc, GetErrorSource).
 * It is a string rather than a comment so that compilers which drop comments keep it.
 */
export function throwValidationError(construct: string, problems: readonly string[]): never {
  const error = new ValidationError(construct, problems);
  // The array's first element is the error; the array only carries the marker into dist/.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  throw [error, 'node-do-not-add-exception-line'][0];
}
