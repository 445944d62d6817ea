import { must } from "../../scripts/must";

/** The item at `index` (the first by default), failing the test with a sentence when there is none. */
export const nth = <T>(list: readonly T[] | undefined, index = 0): T =>
  must(list?.[index], `an item at ${index} of a list of ${list?.length ?? "nothing"}`);
