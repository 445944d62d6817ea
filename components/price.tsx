import { formatMoney, type Money } from "@/lib/catalog/currency";

export function Price({ money, className }: { money: Money; className?: string }) {
  return <span className={className}>{formatMoney(money)}</span>;
}
