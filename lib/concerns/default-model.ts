import { parseModel, type ConcernModel } from './model';
import { MODEL_DATA } from './model-data';

let parsed: ConcernModel | undefined;

/** The model shipped with the extension (trained by scripts/train-concerns.ts), parsed on first use. */
export function defaultModel(): ConcernModel {
  return (parsed ??= parseModel(MODEL_DATA));
}
