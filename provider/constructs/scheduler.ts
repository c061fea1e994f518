// Scheduler: grid_scheduler, nodes picked for named requests; `nodes.lookup(name)` feeds a
// Deployment's node.
import { NumberMap, TerraformResource, booleanToTerraform, listMapper, numberToTerraform, stringToTerraform, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';

export interface SchedulerRequests {
  readonly name: string;
  readonly cru?: number;
  /** MB */
  readonly mru?: number;
  /** GB */
  readonly sru?: number;
  /** GB */
  readonly hru?: number;
  readonly farmId?: number;
  readonly publicIpsCount?: number;
  readonly gateway?: boolean;
  readonly distinct?: boolean;
}

export interface SchedulerConfig extends TerraformMetaArguments {
  readonly requests: SchedulerRequests[];
}

function requestToTerraform(r: SchedulerRequests): Record<string, unknown> {
  return {
    name: stringToTerraform(r.name), cru: numberToTerraform(r.cru), mru: numberToTerraform(r.mru), sru: numberToTerraform(r.sru), hru: numberToTerraform(r.hru),
    farm_id: numberToTerraform(r.farmId), public_ips_count: numberToTerraform(r.publicIpsCount), gateway: booleanToTerraform(r.gateway), distinct: booleanToTerraform(r.distinct),
  };
}

export class Scheduler extends TerraformResource {
  static readonly tfResourceType = 'grid_scheduler';
  constructor(scope: Construct, id: string, private readonly cfg: SchedulerConfig) {
    super(scope, id, {
      terraformResourceType: 'grid_scheduler', terraformGeneratorMetadata: { providerName: 'grid', providerVersion: '0.1.0' },
      provider: cfg.provider, dependsOn: cfg.dependsOn, count: cfg.count, lifecycle: cfg.lifecycle, forEach: cfg.forEach,
    });
  }
  /** the node picked for each request, by request name */
  get nodes(): NumberMap {
    return new NumberMap(this, 'nodes');
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return { requests: listMapper(requestToTerraform, true)(this.cfg.requests) };
  }
}
