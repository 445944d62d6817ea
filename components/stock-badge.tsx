export function StockBadge({ stock }: { stock: number }) {
  if (stock <= 0) return <span className="text-sm font-medium text-red-700">Out of stock</span>;
  if (stock <= 5) return <span className="text-sm font-medium text-amber-700">Only {stock} left</span>;
  return <span className="text-sm text-stone-500">In stock</span>;
}
