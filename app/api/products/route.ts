import type { NextRequest } from "next/server";
import { listProducts } from "@/lib/catalog/catalog";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";
import { currencyOf } from "@/lib/session/preferences-model";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

// Prices follow the session's currency, so the answer is personal: json() marks it no-store and
// `Vary: Cookie`.
export async function GET(request: NextRequest) {
  return handle(request, async ({ session }) => {
    const category = request.nextUrl.searchParams.get("category") ?? undefined;
    const products = await listProducts(currencyOf(session), category);
    return json({
      products: products.map((p) => ({
        id: p.id,
        slug: p.slug,
        name: p.name,
        category: p.category.slug,
        price: p.price,
        stock: p.stock,
      })),
    });
  });
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
