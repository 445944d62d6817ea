import { handle, json, readJson, refuseOtherMethods } from "@/lib/http";
import { clientNetwork } from "@/lib/request";
import { sessionForAction, syncCurrencyHint } from "@/lib/session";
import { recordView, viewInput, visitorJson } from "@/lib/visitor";

// The header's personal corner; pages stay static because the browser asks for this instead.

export async function GET() {
  return handle(async () => json(await visitorJson(await sessionForAction())));
}

/** The same, after a navigation: also counts the page view (pages are cached, so it is counted here). */
export async function POST(request: Request) {
  return handle(async () => {
    const { path } = await readJson(request, viewInput);
    const session = await sessionForAction();
    await syncCurrencyHint(session);
    await recordView(session, path, await clientNetwork());
    return json(await visitorJson(session));
  });
}

export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
