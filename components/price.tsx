import { formatMoney, type Money } from "@/lib/currency";

export function Price({ money, className }: { money: Money; className?: string }) {
  return <span className={className}>{formatMoney(money)}</span>;
}
