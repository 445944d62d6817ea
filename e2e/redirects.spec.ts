import { expect, test } from "@playwright/test";
import { callAction, redirectOf, serverAction } from "./server-actions";

// Redirects to a target the client wrote (lib/redirect-target.ts): the no-JS currency form goes
// back to the page it came from, by its `returnTo` field or else the Referer, and never to another site.

const TRICKS = [
  "//evil.example/x",
  "/\\evil.example/x",
  "/%2F%2Fevil.example/x",
  "/%5Cevil.example/x",
  "/.//evil.example/x",
];

test("the currency form sent without returnTo never follows its Referer to another site", async ({
  playwright,
  baseURL,
}) => {
  // The no-JS form as a crafted page would send it: `back` but no returnTo, so the action falls
  // back on the Referer, which names this host with a path that browsers read as another host.
  // (A browser will not let a test choose its Referer, so the form is sent as the browser sends it.)
  const setCurrency = serverAction("setCurrencyAction");
  const cases: [string, string][] = [
    ...TRICKS.map((t): [string, string] => [`${baseURL}${t}`, "/"]),
    ["http://evil.example/x", "/"],
    [`${baseURL}/products/chef-knife?x=1`, "/products/chef-knife?x=1"],
  ];
  for (const [referer, lands] of cases) {
    const visitor = await playwright.request.newContext({ baseURL });
    const answer = await callAction(visitor, setCurrency, { currency: "EUR", back: "1" }, { referer });
    expect(answer.status(), referer).toBeLessThan(400);
    expect(redirectOf(answer.headers()), referer).toBe(lands);
    await visitor.dispose();
  }
});

test("the /currency page's returnTo field is held to the same rule, and a plain path still works", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [returnTo, lands] of [
    ...TRICKS.map((t) => [t, "/"]),
    ["/products/chef-knife?x=1", "/products/chef-knife?x=1"],
  ]) {
    // The form as sent, with the returnTo a crafted page would carry.
    await page.route("**/*", (route) => {
      const body = route.request().postData();
      if (route.request().method() !== "POST" || !body) return route.continue();
      return route.continue({
        postData: body.replace(/(name="returnTo"\r\n\r\n)[^\r]*/, (_, head) => head + returnTo),
      });
    });
    await page.goto("/currency");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Use this currency" }).click(),
    ]);
    expect(answer.status(), returnTo).toBe(303);
    expect(answer.headers()["location"], returnTo).toBe(lands);
    await expect(page, returnTo).toHaveURL(`${baseURL}${lands}`);
    await page.unrouteAll();
  }
  await context.close();
});
