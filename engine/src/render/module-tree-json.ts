// terraform's nesting of resources by module in show -json (planned_values, prior_state, state):
// root_module holds the root's resources and child_modules, each with its module instance address,
// its resources and its own child_modules.
import { moduleOf } from '../addresses/address';

type Json = Record<string, unknown>;

/** The module instances enclosing `module` (module.a[0].module.b: module.a[0], then module.a[0].module.b). */
function chain(module: string): string[] {
  const out: string[] = [];
  const re = /module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?/g;
  let path = '';
  for (const m of module.matchAll(re)) {
    path = path ? `${path}.${m[0]}` : m[0];
    out.push(path);
  }
  return out;
}

/** root_module of resources (each with its address); {} when there are none. */
export function moduleTreeJson(resources: readonly (Json & { address: string })[]): Json {
  const root: Json & { resources: Json[]; children: Map<string, Json & { resources: Json[]; children: Map<string, unknown> }> } = {
    resources: [],
    children: new Map(),
  };
  for (const r of resources) {
    let node = root as typeof root;
    for (const address of chain(moduleOf(r.address))) {
      let child = node.children.get(address);
      if (!child) node.children.set(address, (child = { address, resources: [], children: new Map() }));
      node = child as typeof root;
    }
    node.resources.push(r);
  }
  const render = (node: typeof root): Json => {
    const children = [...node.children.values()].sort((a, b) => (String(a.address) < String(b.address) ? -1 : 1));
    return {
      ...(node.address !== undefined ? { address: node.address } : {}),
      ...(node.resources.length ? { resources: node.resources } : {}),
      ...(children.length ? { child_modules: children.map((c) => render(c as typeof root)) } : {}),
    };
  };
  return render(root);
}
