// zlogs: streams the logs of a VM of the same deployment to an output (redis://, ws:// or
// wss:// URL). No charge. Recreated on change.
import { ZERO } from '../capacity';
import { ProvisionError, type WorkloadType } from './types';

export const zlogs: WorkloadType = {
  updatesInPlace: false,
  validate(d) {
    if (typeof d.zmachine !== 'string' || !d.zmachine) return 'zmachine must name the VM whose logs are streamed';
    if (typeof d.output !== 'string' || !/^(redis|ws|wss):\/\/\S+$/.test(d.output))
      return `output ${JSON.stringify(d.output)} must be a redis://, ws:// or wss:// URL`;
    return null;
  },
  capacity: () => ZERO,
  provision(d, ctx) {
    const vm = ctx.sibling(d.zmachine as string);
    if (!vm || (vm.type !== 'zmachine' && vm.type !== 'container'))
      throw new ProvisionError(`zmachine ${String(d.zmachine)} is not a VM that is ok in this deployment`);
    return {};
  },
};
