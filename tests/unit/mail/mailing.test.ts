import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../src/lib/mail/compose.ts';
import { chooseRecipients, sendMailing, type PaceClock } from '../../../src/lib/mail/mailing.ts';
import { openSendLog } from '../../../src/lib/mail/send-log.ts';
import type { MailSender, SendResult } from '../../../src/lib/mail/transport.ts';
import { stakeholder } from './fixtures.ts';

const people = [1, 2, 3, 4, 5].map((n) => stakeholder({ line: n + 1, name: `Person ${n}`, email: `person${n}@example.org` }));

/** A clock that moves only when the run sleeps. */
function simulatedClock(start = 0): PaceClock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) };
}

function recordingSender(answer: (message: OutgoingMessage) => SendResult = () => ({ ok: true })): MailSender & { sent: { at: number; message: OutgoingMessage }[]; clock?: PaceClock } {
  const sender = {
    sent: [] as { at: number; message: OutgoingMessage }[],
    clock: undefined as PaceClock | undefined,
    async send(message: OutgoingMessage) {
      sender.sent.push({ at: sender.clock?.now() ?? 0, message });
      return answer(message);
    },
    close() {},
  };
  return sender;
}

function compose(s: { email: string; name: string }, messageId: string) {
  return { to: { name: s.name, address: s.email }, messageId } as OutgoingMessage;
}

let ids = 0;
const newMessageId = () => `<m${++ids}@example.gov.bz>`;

describe('a mailing run', () => {
  it('keeps the pace: never more than N messages in any minute', async () => {
    const log = openSendLog(':memory:');
    const clock = simulatedClock();
    const sender = recordingSender();
    sender.clock = clock;
    const many = Array.from({ length: 25 }, (_, n) => stakeholder({ email: `p${n}@example.org` }));
    const report = await sendMailing(many, { version: 'v0.2', kind: 'invitation', compose, newMessageId, log, sender, perMinute: 10, clock });
    expect(report.sent).toHaveLength(25);
    const times = sender.sent.map((s) => s.at);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(10);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(6_000);
    // No wait before the first message.
    expect(clock.sleeps).toHaveLength(24);
  });

  it('sends nothing twice, and retries a refused message with the same Message-ID', async () => {
    const log = openSendLog(':memory:');
    const clock = simulatedClock();
    const refuse = new Set(['person2@example.org']);
    const sender = recordingSender((m) => (refuse.has(m.to.address) ? { ok: false, failure: { responseCode: 550, message: 'mailbox unavailable' } } : { ok: true }));
    const options = { version: 'v0.2', kind: 'invitation' as const, compose, newMessageId, log, sender, perMinute: 60, clock };

    const first = await sendMailing(people, options);
    expect(first.sent.map((s) => s.email)).toEqual(['person1@example.org', 'person3@example.org', 'person4@example.org', 'person5@example.org']);
    expect(first.failed).toEqual([{ stakeholder: people[1], failure: { responseCode: 550, message: 'mailbox unavailable' } }]);
    expect(await log.get('v0.2', 'invitation', 'PERSON2@example.org')).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 mailbox unavailable' });
    const refusedId = (await log.get('v0.2', 'invitation', 'person2@example.org'))!.messageId;

    refuse.clear();
    const events: string[] = [];
    const second = await sendMailing(people, { ...options, onEvent: (e) => events.push(`${e.type}${e.type === 'sent' && e.retry ? `:${e.retry}` : ''}`) });
    expect(second.sent.map((s) => s.email)).toEqual(['person2@example.org']);
    expect(second.skipped.map((s) => s.reason)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(events).toEqual(['skipped', 'sent:failed', 'skipped', 'skipped', 'skipped']);
    expect(sender.sent.filter((s) => s.message.to.address === 'person2@example.org').map((s) => s.message.messageId)).toEqual([refusedId, refusedId]);
    expect(sender.sent).toHaveLength(6);
    expect(await log.get('v0.2', 'invitation', 'person2@example.org')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await log.findMessage(refusedId)).toEqual({ version: 'v0.2', kind: 'invitation' });
    expect(await log.findMessage(refusedId.slice(1, -1))).toEqual({ version: 'v0.2', kind: 'invitation' });
    expect(await log.findMessage('<other@example.org>')).toBeNull();
  });

  it('reminds only those invited, and not those who commented', () => {
    const invited = new Set(['person1@example.org', 'person2@example.org', 'person3@example.org']);
    const chosen = chooseRecipients(people, 'reminder', invited, (address) => address === 'person3@example.org');
    expect(chosen.recipients.map((s) => s.email)).toEqual(['person1@example.org', 'person2@example.org']);
    expect(chosen.excluded.map((e) => [e.stakeholder.email, e.reason])).toEqual([
      ['person3@example.org', 'already-commented'],
      ['person4@example.org', 'not-invited'],
      ['person5@example.org', 'not-invited'],
    ]);
    expect(chooseRecipients(people, 'invitation', new Set(), () => true).recipients).toHaveLength(5);
  });

  it('forgets a version: its rows and addresses are deleted', async () => {
    const log = openSendLog(':memory:');
    await sendMailing(people.slice(0, 2), { version: 'v0.2', kind: 'invitation', compose, newMessageId, log, sender: recordingSender(), perMinute: 600, clock: simulatedClock() });
    await sendMailing(people.slice(0, 1), { version: 'v0.1', kind: 'invitation', compose, newMessageId, log, sender: recordingSender(), perMinute: 600, clock: simulatedClock() });
    expect(await log.sentTo('v0.2', 'invitation')).toEqual(new Set(['person1@example.org', 'person2@example.org']));
    expect(await log.forgetVersion('v0.2')).toBe(2);
    expect((await log.list()).map((e) => e.version)).toEqual(['v0.1']);
  });
});
