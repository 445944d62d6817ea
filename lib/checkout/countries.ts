// Countries the demo shop ships to (ISO 3166-1 alpha-2).
export const COUNTRIES: Record<string, string> = {
  AT: "Austria", AU: "Australia", BE: "Belgium", CA: "Canada", CH: "Switzerland", DE: "Germany", DK: "Denmark",
  ES: "Spain", FI: "Finland", FR: "France", GB: "United Kingdom", IE: "Ireland", IT: "Italy", JP: "Japan",
  NL: "Netherlands", NO: "Norway", NZ: "New Zealand", PL: "Poland", PT: "Portugal", SE: "Sweden", US: "United States",
};

export const isCountry = (code: string) => Object.hasOwn(COUNTRIES, code);
