// ANSI colours, or none (-no-color, or output that is not a terminal).
export interface Colors {
  readonly enabled: boolean;
}

export function paint(colors: Colors) {
  const wrap = (code: string) => (s: string) => (colors.enabled ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { bold: wrap('1'), green: wrap('32'), yellow: wrap('33'), red: wrap('31') };
}
