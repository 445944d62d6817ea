import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// axe-core (WCAG 2.1 A and AA rules) on a page as it is now: the one home of how the e2e suite
// runs it, for every page (accessibility.spec.ts) and for the states a journey reaches.

/** The two sizes every page and state is checked at. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
export const SIZES = [
  { name: "phone", ...PHONE },
  { name: "desktop", ...DESKTOP },
];

/**
 * axe's violations on the page as it is now, and one kind of "needs review" counted as a failure
 * too: a name (aria-label, aria-labelledby) on an element whose role may not be named (a plain div),
 * which ARIA 1.2 prohibits but axe only flags for review when the element holds text.
 */
export async function analyze(page: Page, label: string): Promise<string[]> {
  const { violations, incomplete, passes } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(passes.length, `axe checked ${label}`).toBeGreaterThan(10);
  return [...violations, ...incomplete.filter((v) => v.id === "aria-prohibited-attr")].map(
    (v) => `${label}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** Fails the test when axe finds anything on the page as it is now. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const found = await analyze(page, label);
  expect(found, found.join("\n")).toEqual([]);
}

/** The page as it is now at both sizes: every violation found, labelled by size. */
export async function analyzeAtBothSizes(page: Page, label: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    found.push(...(await analyze(page, `${label} (${size.name})`)));
  }
  return found;
}
