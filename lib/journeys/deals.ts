// Members-only offers: the content that guests see as a teaser (lib/session/permissions.ts decides who
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
    slug: "members-shipping",
    title: "Free shipping, every order",
    body: "Members never pay for shipping, whatever the basket. It applies at checkout when you are logged in; nothing to type.",
    code: "AUTOMATIC",
  },
];

/** What a guest sees of a deal: the title and the first words. */
export const teaserOf = (deal: Deal) => `${deal.body.split(" ").slice(0, 8).join(" ").replace(/[.,;:!]$/, "")}…`;
