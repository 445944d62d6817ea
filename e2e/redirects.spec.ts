import { expect, test } from "@playwright/test";

// Redirects to a target the client wrote (lib/redirect-target.ts): the no-JS currency form goes
// back to the page it came from, by its `returnTo` field or the Referer, and never to another site.

const TRICKS = ["//evil.example/x", "/\\evil.example/x", "/%2F%2Fevil.example/x", "/%5Cevil.example/x", "/.//evil.example/x"];

test("without JavaScript, the header's currency form never follows a Referer to another site", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const trick of TRICKS) {
    const referer = `${baseURL}${trick}`;
    // The Referer a page of this host at that path would send (the path of a link planted elsewhere).
    await page.route("**/*", (route) =>
      route.request().method() === "POST" ? route.continue({ headers: { ...route.request().headers(), referer } }) : route.continue(),
    );
    await page.goto("/products/chef-knife");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("header form").filter({ has: page.locator('input[name="back"]') }).getByRole("button", { name: "Set" }).click(),
    ]);
    expect(answer.request().headers()["referer"], trick).toBe(referer);
    expect(answer.status(), trick).toBe(303);
    expect(answer.headers()["location"], trick).toBe("/");
    await expect(page, trick).toHaveURL(`${baseURL}/`);
    await page.unrouteAll();
  }
  await context.close();
});

test("the /currency page's returnTo field is held to the same rule, and a plain path still works", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [returnTo, lands] of [...TRICKS.map((t) => [t, "/"]), ["/products/chef-knife?x=1", "/products/chef-knife?x=1"]]) {
    // The form as sent, with the returnTo a crafted page would carry.
    await page.route("**/*", (route) => {
      const body = route.request().postData();
      if (route.request().method() !== "POST" || !body) return route.continue();
      return route.continue({ postData: body.replace(/(name="returnTo"\r\n\r\n)[^\r]*/, (_, head) => head + returnTo) });
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
