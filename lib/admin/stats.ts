import { errorFunction } from "simple-statistics";

// The A/B test's arithmetic, pure: a proportion's 95% Wilson interval, the two-proportion z-test,
// and the rule for when there is too little data to say anything.

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** A share with its 95% Wilson score interval (honest near 0 and 1, and for small samples). */
export function wilsonInterval(successes: number, trials: number): { rate: number; low: number; high: number } {
  if (trials <= 0) return { rate: 0, low: 0, high: 0 };
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (Z95 / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Two-proportion z-test (pooled), two-sided: the chance of a difference at least this large if
 * both variants converted alike. Null when it cannot be computed (an empty variant, or no
 * difference possible: every guest converted, or none did).
 */
export function twoProportionPValue(
  a: { successes: number; trials: number },
  b: { successes: number; trials: number },
) {
  if (a.trials <= 0 || b.trials <= 0) return null;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (se === 0) return null;
  const z = Math.abs(a.successes / a.trials - b.successes / b.trials) / se;
  // P(|Z| ≥ z) = 1 − erf(z / √2)
  return Math.min(1, Math.max(0, 1 - errorFunction(z / Math.SQRT2)));
}

/**
 * Enough data for the z-test's normal approximation: in each variant at least MIN_SAMPLE guests,
 * and at least MIN_OUTCOMES who converted and MIN_OUTCOMES who did not (the usual np ≥ 10 rule).
 */
export const MIN_SAMPLE = 100;
export const MIN_OUTCOMES = 10;
export const ENOUGH_DATA_RULE = `at least ${MIN_SAMPLE} guests shown each variant, with at least ${MIN_OUTCOMES} who signed up and ${MIN_OUTCOMES} who did not in each`;

export const enoughData = (variants: { successes: number; trials: number }[]) =>
  variants.every(
    (v) => v.trials >= MIN_SAMPLE && v.successes >= MIN_OUTCOMES && v.trials - v.successes >= MIN_OUTCOMES,
  );
