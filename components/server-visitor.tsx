import { visitorJson } from "@/lib/cart/visitor";
import type { Session } from "@/lib/session/types";
import { VisitorSnapshot } from "./visitor";

/** For personal (dynamic) pages: hands the header what this render knows about the visitor. */
export async function ServerVisitor({ session }: { session: Session | null }) {
  return <VisitorSnapshot visitor={await visitorJson(session)} />;
}
