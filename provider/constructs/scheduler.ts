// Scheduler: grid_scheduler, node selection for deployments, as cdktf generates it.
export * from './generated/providers/grid/scheduler';
