// The configured providers of one run, by configuration key ("grid", "grid.eu").
import type { Provider, ProviderSchema } from '../provider/interface';

export interface ConfiguredProvider {
  readonly key: string;
  readonly source: string;
  readonly provider: Provider;
  readonly schema: ProviderSchema;
}

export type ProviderSet = ReadonlyMap<string, ConfiguredProvider>;
