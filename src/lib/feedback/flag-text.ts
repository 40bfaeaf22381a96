/** Why a pattern was flagged, in words, for the page and the Markdown report. */
import { DateTime } from 'luxon';
import type { Translate } from '../i18n/translate.ts';
import type { SuspiciousFlag } from './schema.ts';

export function flagReason(flag: SuspiciousFlag, t: Translate, timeZone: string): string {
  if (flag.kind === 'burst') {
    const at = (time: string) => DateTime.fromISO(time, { setZone: true }).setZone(timeZone).toFormat('yyyy-MM-dd HH:mm');
    return t('feedback.campaign.flag.burst', {
      count: flag.references.length,
      channel: t(`feedback.channel.${flag.channel}`),
      from: at(flag.from),
      to: at(flag.to),
      threshold: flag.threshold.comments,
      minutes: flag.threshold.minutes,
    });
  }
  return t('feedback.campaign.flag.organisations', { count: flag.organisations.length, organisations: flag.organisations.join('; ') });
}
