import { NextResponse, type NextRequest } from "next/server";
import { listProducts } from "@/lib/catalog";
import { shopperCurrency } from "@/lib/preferences";

export async function GET(request: NextRequest) {
  const category = request.nextUrl.searchParams.get("category") ?? undefined;
  const products = await listProducts(await shopperCurrency(), category);
  return NextResponse.json({
    products: products.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      category: p.category.slug,
      price: p.price,
      stock: p.stock,
    })),
  });
}
