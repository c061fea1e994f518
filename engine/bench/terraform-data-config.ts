// The benchmark configuration: N terraform_data resources in chains of 10, each depending on the
// one before it, as cdk.tf.json.
export function chainedTerraformData(n: number, chainLength = 10, salt = ''): unknown {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const prev = i % chainLength === 0 ? undefined : `r${i - 1}`;
    resources[`r${i}`] = { input: prev ? `\${terraform_data.${prev}.output}-${i}${salt}` : `start-${i}${salt}` };
  }
  return { terraform: { required_providers: {} }, resource: { terraform_data: resources } };
}
