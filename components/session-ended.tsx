import Link from "next/link";
import { describeEnd } from "@/lib/session/end";
import { type SessionEnd } from "@/lib/session/types";

/** Where a shopper acts on a page, why the session their cookie named is gone, and the way back. */
export function SessionEnded({ ended }: { ended: SessionEnd | null }) {
  if (!ended) return null;
  return (
    <p role="status" id="session-ended" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900">
      {describeEnd(ended)}{" "}
      {/* A checkout's rotation goes on under a new id in another tab: reloading is the way back, not logging in. */}
      {!ended.rotated && (
        <Link href="/login" className="font-medium underline">
          Log in
        </Link>
      )}
    </p>
  );
}
