// What a refusal that names its place looks like, in terraform's layout: "with ADDRESS," then
// "on FILE line N, in CONTEXT:" (or "in CONTEXT:" where there is no file to point into), the
// context reaching the block that holds the attribute, and the words naming the attribute itself.

export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `vms[0].mounts[0].name` -> `vms[0].mounts[0]`; `backends[1]` -> `backends`; `size` -> "". */
function parentOf(attribute: string): string {
  return /^(.*?)(\.[^.[\]]+|\[\d+\])$/.exec(attribute)?.[1] ?? '';
}

/** `vms[0].cpus` -> `cpus`; an element (`backends[1]`) has no name of its own: "". */
function leafOf(attribute: string): string {
  const leaf = attribute.slice(parentOf(attribute).length).replace(/^\./, '');
  return leaf.startsWith('[') ? '' : leaf;
}

/** A refusal that names `address` (and `attribute`, when given) and says `words`. */
export function placedAt(address: string, attribute: string | undefined, words: string): RegExp {
  if (!attribute) return new RegExp(`^(?=[\\s\\S]*with ${esc(address)}[,\\n])(?=[\\s\\S]*${words})`);
  const parent = parentOf(attribute);
  const context = parent ? `[^\\n]*\\.${esc(parent)}` : '[^\\n]*';
  const place = `with ${esc(address)},\\n\\s+(on [^\\n]+ line \\d+, )?in ${context}:\\n`;
  const leaf = leafOf(attribute);
  return new RegExp(`^(?=[\\s\\S]*${place})(?=[\\s\\S]*${words})${leaf ? `(?=[\\s\\S]*${esc(leaf)})` : ''}`);
}
