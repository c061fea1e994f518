// Routes a decoded call to its handler. BatchAll runs its calls in order inside the caller's
// transaction, so one refusal undoes them all.
import type { chain } from '../../../../proto';
import { refuse } from '../errors';
import type { CallContext } from './context';
import { createTwin, transfer } from './accounts';
import { addFarmPublicIps, createFarm, removeFarmPublicIp, setDedicatedFarm } from './farms';
import { changePowerTarget, createNode, reportUptime, setDedicatedNodeExtraFee, setNodeCertification, updateNode } from './nodes';
import { cancelContract, createNameContract, createNodeContract, createRentContract, updateNodeContract } from './contracts';
import { addNruReports, reportContractResources } from './reports';

export function dispatch(ctx: CallContext, call: chain.Call__Output, depth = 0): void {
  switch (call.call) {
    case 'createTwin':
      return createTwin(ctx, call.createTwin!);
    case 'transfer':
      return transfer(ctx, call.transfer!);
    case 'createFarm':
      return createFarm(ctx, call.createFarm!);
    case 'addFarmPublicIps':
      return addFarmPublicIps(ctx, call.addFarmPublicIps!);
    case 'setDedicatedFarm':
      return setDedicatedFarm(ctx, call.setDedicatedFarm!);
    case 'createNode':
      return createNode(ctx, call.createNode!);
    case 'updateNode':
      return updateNode(ctx, call.updateNode!);
    case 'setNodeCertification':
      return setNodeCertification(ctx, call.setNodeCertification!);
    case 'createNodeContract':
      return createNodeContract(ctx, call.createNodeContract!);
    case 'updateNodeContract':
      return updateNodeContract(ctx, call.updateNodeContract!);
    case 'cancelContract':
      return cancelContract(ctx, call.cancelContract!);
    case 'createNameContract':
      return createNameContract(ctx, call.createNameContract!);
    case 'createRentContract':
      return createRentContract(ctx, call.createRentContract!);
    case 'reportContractResources':
      return reportContractResources(ctx, call.reportContractResources!);
    case 'addNruReports':
      return addNruReports(ctx, call.addNruReports!);
    case 'reportUptime':
      return reportUptime(ctx, call.reportUptime!);
    case 'removeFarmPublicIp':
      return removeFarmPublicIp(ctx, call.removeFarmPublicIp!);
    case 'changePowerTarget':
      return changePowerTarget(ctx, call.changePowerTarget!);
    case 'setDedicatedNodeExtraFee':
      return setDedicatedNodeExtraFee(ctx, call.setDedicatedNodeExtraFee!);
    case 'batchAll': {
      if (depth > 0) throw refuse.invalid('a batch may not contain another batch');
      const calls = call.batchAll?.calls ?? [];
      if (!calls.length) throw refuse.invalid('a batch needs at least one call');
      calls.forEach((c, i) => {
        try {
          dispatch(ctx, c, depth + 1);
        } catch (err) {
          if (err instanceof Error) err.message = `batch call ${i} (${c.call}): ${err.message}`;
          throw err;
        }
      });
      return;
    }
    default:
      throw refuse.invalid('the extrinsic carries no call');
  }
}
