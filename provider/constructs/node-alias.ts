// cdktf's generator names an attribute `node` `nodeAttribute` (a construct's `node` is its place
// in the construct tree). Configurations here take either: `node`, as terraform-provider-grid and
// gridform's earlier constructs name it, or the generated `nodeAttribute`.

export type WithNode<T extends { readonly nodeAttribute: number }> = Omit<T, 'nodeAttribute'> &
  ({ readonly node: number; readonly nodeAttribute?: undefined } | { readonly nodeAttribute: number; readonly node?: undefined });

/** The generated configuration for `config`: `node` moved to `nodeAttribute`. */
export function withNodeAttribute<T extends { readonly nodeAttribute: number }>(config: WithNode<T>): T {
  const { node, ...rest } = config as WithNode<T> & { readonly node?: number };
  return { ...rest, nodeAttribute: config.nodeAttribute ?? node } as unknown as T;
}
