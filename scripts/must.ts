// For the scripts and the tests (unit and e2e): a value the code knows is there (an item of a list it
// filled, a round-robin pick) where the type says it may be missing. Its absence is a bug, so it
// stops the run with a sentence that names what was missing, not a TypeError further on.

/** `value`, or an Error naming `what` was missing. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Expected ${what}, found none.`);
  return value;
}
