import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { must } from "../scripts/must";

// The build's server actions, read from Next's own manifest, and a way to call one as the
// browser does: for tests that send what no form of the shop would (no session, a crafted
// Referer), and that must try every action, including one added tomorrow.

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
export type ServerAction = { id: string; name: string; file: string; page: string };

/** A page that holds the action (Next runs an action only from a page whose bundle has it). */
function pageOf(entry: ManifestEntry): string {
  const pages = Object.keys(entry.workers).filter(
    (w) => w.endsWith("/page") && !w.includes("_not-found") && !w.startsWith("app/browse/"),
  );
  const plain = must(pages.find((p) => !p.includes("[")) ?? pages[0], `a page that holds ${entry.exportedName}`);
  return (
    plain
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\[[^\]]+\]/g, "x") || "/"
  );
}

export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, ManifestEntry>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName ?? "",
    file: entry.filename ?? "",
    page: pageOf(entry),
  }));
}

export const serverAction = (name: string): ServerAction => {
  const found = serverActions().find((a) => a.name === name);
  if (!found) throw new Error(`No server action named ${name} in the build.`);
  return found;
};

/**
 * Calls the action as React's client does (encodeReply): the arguments in field "0", each
 * FormData as its own prefixed fields. Every argument is the form, so a form action (form) and a
 * useActionState action (previous state, form) both receive it. Redirects are not followed.
 */
export async function callAction(
  request: APIRequestContext,
  action: ServerAction,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  // A FormData, not an object: an object would list "0" first (integer keys come first), and the
  // server, reading the parts as they stream in, would resolve the arguments before their fields.
  const multipart = new FormData();
  for (const n of [1, 2]) for (const [name, value] of Object.entries(fields)) multipart.append(`_${n}_${name}`, value);
  multipart.append("0", JSON.stringify(["$K1", "$K2"])); // last, as React sends it
  return request.post(action.page, {
    headers: { "next-action": action.id, accept: "text/x-component", ...headers },
    multipart,
    maxRedirects: 0,
  });
}

/** Where an action's answer redirects to (Next's header for a fetch action, or Location), or null. */
export const redirectOf = (headers: Record<string, string>): string | null =>
  (headers["x-action-redirect"] ?? headers["location"])?.split(";")[0] ?? null;
