// JSON read with every number kept as its text ("#num:0.3"), so that answers differing only in
// digits a float64 would lose (0.3 against 0.30000000000000004, 2^100 in full) compare different.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

export function parseKeepingNumbers(text: string): unknown {
  return JSON.parse(text.replace(TOKEN, (t) => (t.startsWith('"') ? t : `"#num:${t}"`)));
}
