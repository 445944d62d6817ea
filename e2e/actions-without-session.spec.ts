import { expect, test } from "@playwright/test";
import { must } from "../scripts/must";
import { PASSWORD, uniqueEmail } from "./helpers";
import { callAction, redirectOf, serverActions } from "./server-actions";

// Every server action the build holds (read from Next's own manifest, so a new one is tried the
// day it is added), called the way the browser calls it, by a visitor without a live session: a
// guest with no cookie, and a member whose session ended (another tab logged out). Each must
// answer with a sentence: an action state carrying a message, or a redirect to a page that
// loads. Never a 500 (which the browser shows as the error page).

/** What each action is sent: a plausible form, so that it gets past validation to the session check where it can. */
const FORMS: Record<string, (productId: string) => Record<string, string>> = {
  setCurrencyAction: () => ({ currency: "EUR" }),
  addToCartAction: (productId) => ({ productId, quantity: "1" }),
  updateQuantityAction: (productId) => ({ productId, quantity: "2" }),
  removeFromCartAction: (productId) => ({ productId }),
  undoRemoveAction: (productId) => ({ productId, quantity: "1" }),
  emailCartAction: () => ({ email: "someone@example.com" }),
  restoreCartAction: () => ({ token: "not-a-real-token" }),
  checkoutAction: () => ({ email: "someone@example.com", name: "Ada Lovelace" }),
  logInAction: () => ({ email: "nobody@example.com", password: "not the password" }),
  signUpAction: () => ({ email: "not an address", password: "x" }),
  startSessionAction: () => ({}),
  endSessionAction: () => ({}),
  logOutAction: () => ({}),
  moveToCartAction: (productId) => ({ productId }),
  removeSavedAction: (productId) => ({ productId }),
  addPaymentMethodAction: () => ({
    "card.number": "4242 4242 4242 4242",
    "card.expMonth": "12",
    "card.expYear": "2030",
    "card.cvc": "123",
    password: PASSWORD,
  }),
  removePaymentMethodAction: () => ({ id: "pm_nothing" }),
  endSessionsAction: () => ({}),
  changePasswordAction: () => ({ currentPassword: PASSWORD, newPassword: "another long password" }),
  deleteAccountAction: () => ({ password: PASSWORD }),
  requestOrderClaimAction: () => ({}),
  claimOrdersAction: () => ({ token: "not-a-real-token" }),
  endSessionAsAdminAction: () => ({ hash: "0123456789abcdef01234567" }),
};

const actions = serverActions();

test("the build's server actions are the ones this test knows how to call", () => {
  expect(actions.length).toBeGreaterThan(20);
  const unknown = actions.filter((a) => !(a.name in FORMS)).map((a) => `${a.file}: ${a.name}`);
  expect(unknown, "add each new action to FORMS").toEqual([]);
});

test("every server action answers a visitor without a live session with a sentence, never a 500", async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const products = (await (await (await playwright.request.newContext({ baseURL })).get("/api/products")).json())
    .products;
  const productId: string = products[0].id;

  // A member whose session has ended: the cookie as it was before logging out elsewhere.
  const member = await playwright.request.newContext({ baseURL });
  expect(
    (await member.post("/api/auth/signup", { data: { email: uniqueEmail("lapsed"), password: PASSWORD } })).status(),
  ).toBe(201);
  const { cookies } = await member.storageState();
  const endedCookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  expect((await member.post("/api/auth/logout")).status()).toBe(200);
  await member.dispose();

  const answers: string[] = [];
  for (const [who, cookie] of [
    ["a guest", undefined],
    ["a member whose session ended", endedCookie],
  ] as const) {
    for (const action of actions) {
      const label = `${who}: ${action.name} (${action.file})`;
      const visitor = await playwright.request.newContext({ baseURL }); // a fresh jar: each call starts as that visitor
      const response = await callAction(
        visitor,
        action,
        must(FORMS[action.name], `a form for ${action.name} in FORMS`)(productId),
        cookie ? { cookie } : {},
      );
      const body = await response.text();
      expect(response.status(), `${label}: ${body.slice(0, 300)}`).toBeLessThan(500);
      const target = redirectOf(response.headers());
      if (target) {
        // A redirect: the page it lands on loads (not the error page).
        const landing = await visitor.get(target);
        expect(landing.status(), `${label} → ${target}`).toBe(200);
        const page = await landing.text();
        expect(page, `${label} → ${target}`).not.toContain("Something went wrong");
        // The claim page says why nothing was attached (the flash the action left).
        if (action.name === "claimOrdersAction") {
          expect(page, label).toContain(
            who === "a guest"
              ? "Log in to find the orders you placed as a guest."
              : "You were signed out (from another tab or device)",
          );
        }
        answers.push(`${label} → ${target}`);
      } else {
        // An action state: its sentence is in the answer.
        const message = /"status":"(?:ok|error|idle)","message":"([^"]+)"/.exec(body)?.[1];
        expect(message, `${label}: ${body.slice(0, 300)}`).toBeTruthy();
        answers.push(`${label}: ${message}`);
      }
      await visitor.dispose();
    }
  }
  // The forms arrive (an answer is not just "the form is empty"), and the case that used to be a
  // 500, the claim button, sends back to the claim page, which says to log in.
  expect(answers).toContain("a guest: addToCartAction (actions/cart.ts): Added to your cart.");
  expect(answers).toContain("a guest: claimOrdersAction (actions/account.ts) → /account/claim/not-a-real-token");
  expect(answers).toContain(
    "a member whose session ended: claimOrdersAction (actions/account.ts) → /account/claim/not-a-real-token",
  );
  test.info().annotations.push({ type: "answers", description: answers.join("\n") });
});
