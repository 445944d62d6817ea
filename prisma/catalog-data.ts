// The demo catalog. Prices are USD cents; images are SVG files shipped in public/images.

export type SeedCategory = { slug: string; name: string };
export type SeedProduct = {
  slug: string;
  name: string;
  category: string;
  priceCents: number;
  stock: number;
  description: string;
};

export const categories: SeedCategory[] = [
  { slug: "coffee-tea", name: "Coffee & Tea" },
  { slug: "kitchen", name: "Kitchen" },
  { slug: "stationery", name: "Stationery" },
  { slug: "home", name: "Home" },
];

export const products: SeedProduct[] = [
  {
    slug: "morning-blend",
    name: "Morning Blend Coffee",
    category: "coffee-tea",
    priceCents: 1450,
    stock: 40,
    description: "A bright, chocolatey medium roast from Colombian and Ethiopian beans. 340 g, whole bean.",
  },
  {
    slug: "sencha-green-tea",
    name: "Sencha Green Tea",
    category: "coffee-tea",
    priceCents: 1200,
    stock: 35,
    description: "Steamed Japanese green tea with a grassy sweetness. 100 g loose leaf, about 40 cups.",
  },
  {
    slug: "pour-over-kettle",
    name: "Pour-Over Kettle",
    category: "coffee-tea",
    priceCents: 5900,
    stock: 12,
    description: "A gooseneck kettle for slow, even pours. Stainless steel, 1 litre, works on induction.",
  },
  {
    slug: "ceramic-dripper",
    name: "Ceramic Dripper",
    category: "coffee-tea",
    priceCents: 2800,
    stock: 20,
    description: "A glazed porcelain cone that holds heat through the whole brew. Fits size 02 filters.",
  },
  {
    slug: "chef-knife",
    name: "Chef's Knife 20 cm",
    category: "kitchen",
    priceCents: 8900,
    stock: 8,
    description: "Forged high-carbon steel with a full tang and a comfortable walnut handle.",
  },
  {
    slug: "cast-iron-skillet",
    name: "Cast Iron Skillet",
    category: "kitchen",
    priceCents: 4500,
    stock: 15,
    description: "Pre-seasoned 26 cm skillet that goes from stove to oven to table and lasts for decades.",
  },
  {
    slug: "linen-apron",
    name: "Linen Apron",
    category: "kitchen",
    priceCents: 3200,
    stock: 25,
    description: "Stonewashed linen with two deep pockets and adjustable cross-back straps.",
  },
  {
    slug: "bamboo-board",
    name: "Bamboo Cutting Board",
    category: "kitchen",
    priceCents: 2400,
    stock: 30,
    description: "A large end-grain board that is kind to knife edges, with a juice groove all round.",
  },
  {
    slug: "dot-grid-notebook",
    name: "Dot Grid Notebook",
    category: "stationery",
    priceCents: 1600,
    stock: 60,
    description: "A5, 192 numbered pages of 100 g/m² paper that takes fountain pen ink without bleeding.",
  },
  {
    slug: "brass-pen",
    name: "Brass Ballpoint Pen",
    category: "stationery",
    priceCents: 3800,
    stock: 18,
    description: "Solid brass body that develops a warm patina. Takes standard Parker-style refills.",
  },
  {
    slug: "desk-planner",
    name: "Weekly Desk Planner",
    category: "stationery",
    priceCents: 1900,
    stock: 3,
    description: "Tear-off weekly sheets for a whole year, undated so you can start any week.",
  },
  {
    slug: "washi-tape-set",
    name: "Washi Tape Set",
    category: "stationery",
    priceCents: 900,
    stock: 50,
    description: "Six rolls of Japanese paper tape in muted colours, easy to tear and reposition.",
  },
  {
    slug: "wool-throw",
    name: "Merino Wool Throw",
    category: "home",
    priceCents: 12900,
    stock: 6,
    description: "A soft, warm merino throw, 130 × 180 cm, woven in a small mill in Portugal.",
  },
  {
    slug: "soy-candle",
    name: "Cedar Soy Candle",
    category: "home",
    priceCents: 2200,
    stock: 45,
    description: "Hand-poured soy wax with cedarwood and a little smoke. About 45 hours of burn time.",
  },
  {
    slug: "stoneware-vase",
    name: "Stoneware Vase",
    category: "home",
    priceCents: 3600,
    stock: 10,
    description: "A wheel-thrown vase with a speckled glaze. Each one is slightly different.",
  },
  {
    slug: "plant-mister",
    name: "Glass Plant Mister",
    category: "home",
    priceCents: 1800,
    stock: 0,
    description: "A fine-mist sprayer for ferns and tropical plants. Back soon.",
  },
];
