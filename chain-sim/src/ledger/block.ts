// The block being built: every write lands in one, and the events it raises are stored with it.
export interface ChainEvent {
  block: number;
  index: number;
  timestamp: number;
  type: string;
  data: Record<string, unknown>;
}

export class BlockBuilder {
  readonly events: ChainEvent[] = [];
  readonly createdIds: number[] = [];
  constructor(
    readonly number: number,
    readonly timestamp: number,
  ) {}

  emit(type: string, data: Record<string, unknown>): void {
    this.events.push({ block: this.number, index: this.events.length, timestamp: this.timestamp, type, data });
  }

  created(id: number): number {
    this.createdIds.push(id);
    return id;
  }
}
