// Plans and `show -json` list resource instances in terraform's order, whatever order the
// configuration declares them in.
import { inTerraformOrder } from '../src/addresses/address-order';

describe("terraform's order of resource instances", () => {
  it('root before modules, data sources before resources, then type, name and key (none, numbers, strings)', () => {
    const addresses = [
      'module.b.grid_network.net',
      'grid_network.net',
      'module.a["x"].grid_network.net',
      'grid_deployment.vm["b"]',
      'grid_deployment.vm[10]',
      'data.grid_gateway_domain.d',
      'grid_deployment.vm[2]',
      'module.a[0].grid_network.net',
      'grid_deployment.app',
      'module.a.module.c.terraform_data.x',
      'grid_deployment.vm["a"]',
    ];
    expect(inTerraformOrder(addresses.map((address) => ({ address }))).map((x) => x.address)).toEqual([
      'data.grid_gateway_domain.d',
      'grid_deployment.app',
      'grid_deployment.vm[2]',
      'grid_deployment.vm[10]',
      'grid_deployment.vm["a"]',
      'grid_deployment.vm["b"]',
      'grid_network.net',
      'module.a[0].grid_network.net',
      'module.a["x"].grid_network.net',
      'module.b.grid_network.net',
      'module.a.module.c.terraform_data.x',
    ]);
  });

  it('a deposed object comes after the current object of its address', () => {
    const items = [{ address: 'terraform_data.x', deposed: 'abcd1234' }, { address: 'terraform_data.x' }];
    expect(inTerraformOrder(items)).toEqual([{ address: 'terraform_data.x' }, { address: 'terraform_data.x', deposed: 'abcd1234' }]);
  });
});
