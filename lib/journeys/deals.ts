// Members-only offers: the content that guests see as a teaser (lib/permissions.ts decides who
// sees them whole: the view_member_content scope).

export type Deal = { slug: string; title: string; body: string; code: string };

export const DEALS: Deal[] = [
  {
    slug: "slow-mornings",
    title: "Slow mornings bundle: 25% off",
    body: "Morning Blend Coffee, the Ceramic Dripper and the Pour-Over Kettle together, 25% off the three. Brew one cup at a time, properly.",
    code: "SLOWMORNING25",
  },
  {
    slug: "desk-refresh",
    title: "Desk refresh: a free notebook",
    body: "Buy the Brass Ballpoint Pen and a Dot Grid Notebook is on us. Members also get early access to the next planner run, which sold out in a week last time.",
    code: "DESKNOTEBOOK",
  },
  {
    // Shipping is free for everyone in this demo, so it is no members' perk; this one is true.
    slug: "members-cart",
    title: "Your cart on every device",
    body: "Members find their cart wherever they log in, and what they saved for later beside it. Nothing to type: it comes with the account.",
    code: "AUTOMATIC",
  },
];

/** What a guest sees of a deal: the title and the first words. */
export const teaserOf = (deal: Deal) =>
  `${deal.body
    .split(" ")
    .slice(0, 8)
    .join(" ")
    .replace(/[.,;:!]$/, "")}…`;
