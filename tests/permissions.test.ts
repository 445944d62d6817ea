import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { test } from "node:test";
import { invalidAnonScopes, permissionsFor, requireScope } from "../lib/permissions";

test("each session type carries the contract's scopes", () => {
  assert.deepEqual(permissionsFor("anonymous"), ["view_content", "add_to_cart", "guest_checkout", "view_orders"]);
  const member = permissionsFor("authenticated");
  assert.ok(
    member.includes("checkout") && member.includes("save_payment_method") && member.includes("view_member_content"),
  );
  assert.ok(!member.includes("guest_checkout") && !member.includes("view_analytics"));
  assert.ok(permissionsFor("admin").includes("view_analytics"));
});

test("ANON_PERMISSIONS narrows the anonymous set and never widens it", () => {
  assert.deepEqual(permissionsFor("anonymous", ["view_content", "add_to_cart"]), ["view_content", "add_to_cart"]);
  assert.deepEqual(permissionsFor("anonymous", ["view_content", "checkout"]), ["view_content"]);
  assert.ok(permissionsFor("authenticated", ["view_content"]).includes("checkout"), "members are not narrowed");
  assert.deepEqual(invalidAnonScopes(["view_content", "checkout", "fly"]), ["checkout", "fly"]);
});

test("requireScope lets a granted scope through and answers 403 with a sentence otherwise", () => {
  assert.doesNotThrow(() => requireScope(permissionsFor("anonymous"), "add_to_cart"));
  assert.throws(
    () => requireScope(permissionsFor("anonymous"), "save_payment_method"),
    refused("forbidden", { status: 403, message: /account/ }),
  );
  assert.throws(() => requireScope(permissionsFor("anonymous", ["view_content"]), "add_to_cart"), refused("forbidden"));
});
