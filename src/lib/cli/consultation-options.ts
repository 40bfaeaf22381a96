import type { ConsultationWindowSpec } from '../consultation/window.ts';
import { UsageError } from './usage-error.ts';

/**
 * `--opens` and `--closes` (local times) with `--time-zone` as a window spec,
 * or undefined when neither is given; one without the other is a usage error.
 */
export function consultationFromOptions(
  values: { opens?: string; closes?: string; 'time-zone'?: string },
  defaultTimeZone: () => string,
): ConsultationWindowSpec | undefined {
  if (Boolean(values.opens) !== Boolean(values.closes)) throw new UsageError('give both --opens and --closes, or neither');
  if (!values.opens || !values.closes) return undefined;
  return { opens: values.opens, closes: values.closes, timeZone: values['time-zone'] ?? defaultTimeZone() };
}
