import assert from "node:assert/strict";

/** The item at `index` (the first by default), failing the test with a sentence when there is none. */
export function nth<T>(list: readonly T[] | undefined, index = 0): T {
  const item = list?.[index];
  assert.ok(item !== undefined, `expected an item at ${index}, but the list holds ${list?.length ?? "nothing"}`);
  return item;
}
