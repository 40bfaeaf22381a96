/**
 * Progressive enhancement of the comment forms. Without JavaScript every form
 * posts to /comment/ and works; with it this script (calling the API on the
 * origin of the form's action, which may be another host than the page's):
 * - gives each submission a fresh id (so a retry stores one comment),
 * - solves the ALTCHA proof-of-work in the background (no third party),
 * - keeps a live character count (a polite live region; never blocks paste),
 * - submits in place and shows the receipt or the errors without a reload,
 * - lets a paragraph's "Comment" link open its section's form, pre-filled.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

interface Strings {
  remaining: string;
  over: string;
  sending: string;
  errorTitle: string;
  errorPrefix: string;
  receiptTitle: string;
  receiptReference: string;
  receiptNext: string;
  receiptLink: string;
  failed: string;
  /** The page's locale, for numbers (e.g. `en-GB`, `es`). */
  locale: string;
}

export function enhanceCommentForms(root: ParentNode = document): void {
  const strings = readStrings();
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-comment-form]')) enhanceForm(form, strings);
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-comment-paragraph]')) {
    link.addEventListener('click', (event) => {
      if (openInlineForm(link)) event.preventDefault();
    });
  }
}

function readStrings(): Strings {
  const el = document.getElementById('comment-strings');
  return JSON.parse(el?.textContent ?? '{}') as Strings;
}

function enhanceForm(form: HTMLFormElement, strings: Strings): void {
  const idField = form.querySelector<HTMLInputElement>('[data-submission-id]')!;
  if (!idField.value) idField.value = crypto.randomUUID();
  for (const counted of form.querySelectorAll<HTMLElement>('[data-character-count]')) liveCount(counted, strings);
  // The action (read as an attribute: a field could shadow form.action) is the page's own
  // origin or the API host it names; the script calls the API beside it.
  const action = new URL(form.getAttribute('action') ?? '/comment/', document.baseURI);
  const api = (path: string) => new URL(path, action).href;
  const proof = new ProofOfWork(form.querySelector<HTMLInputElement>('[data-altcha]')!, api('/api/altcha'));
  form.addEventListener('focusin', () => void proof.start(), { once: true });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitInPlace(form, api, proof, strings);
  });
}

/** GOV.UK's pattern: the static hint becomes a live count, announced politely after typing pauses. */
function liveCount(container: HTMLElement, strings: Strings): void {
  const max = Number(container.dataset.max);
  const textarea = container.querySelector('textarea')!;
  const hint = container.querySelector<HTMLElement>('.count-hint')!;
  const live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  hint.after(live);
  hint.setAttribute('aria-hidden', 'true');
  let timer: number | undefined;
  const update = (announce: boolean) => {
    const left = max - [...textarea.value].length;
    const message = left >= 0 ? strings.remaining.replace('{n}', left.toLocaleString(strings.locale)) : strings.over.replace('{n}', (-left).toLocaleString(strings.locale));
    hint.textContent = message;
    hint.classList.toggle('count-over', left < 0);
    if (announce) {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => (live.textContent = message), 1000);
    }
  };
  textarea.addEventListener('input', () => update(true));
  update(false);
}

/** Solves one ALTCHA challenge per submission, started when the reader first touches the form. */
class ProofOfWork {
  private solving: Promise<string> | undefined;
  private readonly field: HTMLInputElement;
  private readonly challengeUrl: string;
  constructor(field: HTMLInputElement, challengeUrl: string) {
    this.field = field;
    this.challengeUrl = challengeUrl;
  }
  start(): Promise<string> {
    this.solving ??= solve(this.challengeUrl).then((payload) => (this.field.value = payload)).catch(() => '');
    return this.solving;
  }
  /** A used challenge cannot be replayed: the next submission needs a new one. */
  reset(): void {
    this.solving = undefined;
    this.field.value = '';
  }
}

async function solve(challengeUrl: string): Promise<string> {
  const response = await fetch(challengeUrl, { headers: { accept: 'application/json' } });
  if (!response.ok) return '';
  const challenge = (await response.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) return '';
  return btoa(JSON.stringify({ challenge, solution }));
}

async function submitInPlace(form: HTMLFormElement, api: (path: string) => string, proof: ProofOfWork, strings: Strings): Promise<void> {
  const status = form.querySelector<HTMLElement>('[data-form-status]')!;
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  button.disabled = true;
  status.textContent = strings.sending;
  try {
    // Wait a little for the proof of work; without it the comment still goes, flagged for review.
    await Promise.race([proof.start(), new Promise((r) => setTimeout(r, 8000))]);
    const body = Object.fromEntries(new FormData(form).entries());
    // The answer (errors, receipt link) comes in the page's language.
    const headers = { 'content-type': 'application/json', accept: 'application/json', 'accept-language': document.documentElement.lang || 'en' };
    const response = await fetch(api('/api/comments'), { method: 'POST', headers, body: JSON.stringify(body) });
    const result = (await response.json()) as { reference?: string; receipt?: string; errors?: Record<string, string>; error?: string };
    if (response.status === 202 && result.reference) return showReceipt(form, result.reference, api(result.receipt!), strings);
    proof.reset();
    if (response.status === 400 && result.errors) {
      status.textContent = '';
      return showErrors(form, result.errors, strings);
    }
    status.textContent = result.error ?? strings.failed;
  } catch {
    status.textContent = strings.failed;
  } finally {
    button.disabled = false;
  }
}

function showReceipt(form: HTMLFormElement, reference: string, receipt: string, strings: Strings): void {
  const panel = document.createElement('div');
  panel.className = 'receipt';
  panel.tabIndex = -1;
  panel.setAttribute('role', 'status');
  const title = document.createElement('p');
  title.className = 'receipt-title';
  title.textContent = strings.receiptTitle;
  const label = document.createElement('p');
  label.textContent = strings.receiptReference;
  const ref = document.createElement('p');
  ref.className = 'reference';
  ref.dataset.reference = '';
  ref.textContent = reference;
  const next = document.createElement('p');
  next.textContent = strings.receiptNext;
  const link = document.createElement('a');
  link.href = receipt;
  link.textContent = strings.receiptLink;
  next.append(' ', link);
  panel.append(title, label, ref, next);
  form.replaceWith(panel);
  panel.focus();
}

/** The same error summary and inline messages the server renders, then focus on the summary. */
function showErrors(form: HTMLFormElement, errors: Record<string, string>, strings: Strings): void {
  form.querySelector('[data-error-summary]')?.remove();
  for (const old of form.querySelectorAll('.error-message[data-client]')) old.remove();
  for (const field of form.querySelectorAll('.field-error')) field.classList.remove('field-error');
  const summary = document.createElement('div');
  summary.className = 'error-summary';
  summary.dataset.errorSummary = '';
  summary.setAttribute('role', 'alert');
  summary.tabIndex = -1;
  const heading = document.createElement('h2');
  heading.className = 'error-summary-title';
  heading.textContent = strings.errorTitle;
  const list = document.createElement('ul');
  summary.append(heading, list);
  for (const [name, message] of Object.entries(errors)) {
    const input = form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]:not([type=hidden])`) ?? form.querySelector<HTMLElement>('textarea[name="comment"]')!;
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${input.id}`;
    link.textContent = message;
    item.append(link);
    list.append(item);
    const field = input.closest('.field');
    if (field) {
      field.classList.add('field-error');
      const inline = document.createElement('p');
      inline.className = 'error-message';
      inline.dataset.client = '';
      inline.id = `${input.id}-client-error`;
      const prefix = document.createElement('span');
      prefix.className = 'visually-hidden';
      prefix.textContent = `${strings.errorPrefix} `;
      inline.append(prefix, message);
      const label = field.querySelector('legend, label');
      (label ?? field.firstChild)?.after(inline);
      input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), inline.id].filter(Boolean).join(' '));
    }
  }
  form.prepend(summary);
  summary.focus();
}

/** Opens the section's inline form for a paragraph, filling in which paragraph and its text. */
function openInlineForm(link: HTMLAnchorElement): boolean {
  const section = link.closest('[data-section]')?.getAttribute('data-section');
  const details = section ? document.getElementById(`comment-${section}`) : null;
  if (!(details instanceof HTMLDetailsElement)) return false;
  const form = details.querySelector<HTMLFormElement>('form')!;
  const select = form.querySelector<HTMLSelectElement>('[data-paragraph-select]')!;
  select.value = link.dataset.commentParagraph ?? '';
  const quote = form.querySelector<HTMLTextAreaElement>('textarea[name="quote"]')!;
  const text = select.selectedOptions[0]?.dataset.text;
  if (text) {
    quote.value = text;
    quote.dispatchEvent(new Event('input'));
  }
  details.open = true;
  select.focus();
  return true;
}
