/**
 * The fields of a comment issue, in order, with their labels: the one
 * definition behind `.github/ISSUE_TEMPLATE/comment.yml` (what GitHub users
 * fill in), `renderIssueBody` (what the site's dispatcher writes) and
 * `parseIssueBody` (what the feedback report reads back). Change a label here
 * and regenerate the template (see tests/unit/comments/issue-form.test.ts).
 *
 * Channel, submission id and time are not form fields: GitHub's issue forms
 * cannot hide a field, and a GitHub user should not pick a channel. They
 * travel in the hidden marker at the end of a body the site wrote (issue-body.ts);
 * an issue without the marker was filed on GitHub.
 */
import { stringify } from 'yaml';
import { SECTORS } from '../stakeholders/sectors.ts';
import type { Sector } from '../stakeholders/sectors.ts';
import type { Language } from '../i18n/translate.ts';
import { COMMENT_LANGUAGES, COMMENT_LIMITS, COMMENT_TYPES, type CommentType } from './schema.ts';

/**
 * The issue form's words for each comment type and sector: the options of its
 * dropdowns, which GitHub writes into the body and `parseIssueBody` reads
 * back, so they are this form's fixed vocabulary, in the one language of the
 * issue template (the site's own form words them through the translations).
 */
export const COMMENT_TYPE_LABELS: Record<CommentType, string> = {
  general: 'General',
  technical: 'Technical',
  editorial: 'Editorial',
};

/** The issue form's words for each stakeholder sector (see above). */
export const SECTOR_LABELS: Record<Sector, string> = {
  government: 'Government',
  'private-sector': 'Private sector',
  'civil-society': 'Civil society',
  academia: 'Academia',
  'technical-community': 'Technical community',
  'international-partner': 'International partner',
  individual: 'Individual',
};

/** Each language named in itself, as the issue form's dropdown shows it. */
export const COMMENT_LANGUAGE_LABELS: Record<Language, string> = {
  en: 'English',
  es: 'Español',
};

/** One field of the issue form. */
export interface IssueFormField {
  /** Key in the comment record, and the field's `id` in the issue form. */
  id: 'version' | 'section' | 'paragraph' | 'change' | 'quote' | 'type' | 'comment' | 'language' | 'proposedChange' | 'sector' | 'organisation' | 'name' | 'publishName';
  /** GitHub issue-form field type. */
  type: 'input' | 'textarea' | 'dropdown' | 'checkboxes';
  /** The `### Label` heading in the issue body. */
  label: string;
  /** Hint shown under the label on GitHub. */
  description: string;
  /** Example shown in an empty input on GitHub. */
  placeholder?: string;
  /** Whether GitHub refuses the form without it. */
  required: boolean;
  /** Dropdown choices or tick-box labels, as people see them. */
  options?: readonly string[];
}

/** The label of the single tick box of the `publishName` field. */
export const PUBLISH_NAME_OPTION = 'Publish my name with my comment';

const n = (v: number) => v.toLocaleString('en-GB');

/** The comment issue's fields, in template order. */
export const ISSUE_FORM_FIELDS: readonly IssueFormField[] = [
  {
    id: 'version',
    type: 'input',
    label: 'Version',
    description: 'The version of the strategy you are commenting on, shown at the top of each page.',
    placeholder: 'v0.2',
    required: true,
  },
  {
    id: 'section',
    type: 'input',
    label: 'Section',
    description: 'The id of the section, the last part of its web address (for example `governance`).',
    placeholder: 'governance',
    required: true,
  },
  {
    id: 'paragraph',
    type: 'input',
    label: 'Paragraph',
    description: 'The paragraph number shown beside the paragraph (for example p3). Leave empty to comment on the whole section.',
    placeholder: 'p3',
    required: false,
  },
  {
    id: 'change',
    type: 'input',
    label: 'Change',
    description:
      'If you are commenting on one change between two versions: the change’s id, the part of its web address on the comparison page after # (for example `change-governance-3`). Leave empty otherwise.',
    placeholder: 'change-governance-3',
    required: false,
  },
  {
    id: 'quote',
    type: 'textarea',
    label: 'Quoted text',
    description: `The words you are commenting on, copied from the strategy (at most ${n(COMMENT_LIMITS.quote)} characters).`,
    required: false,
  },
  {
    id: 'type',
    type: 'dropdown',
    label: 'Type of comment',
    description: 'General (about the approach), technical (about substance) or editorial (about wording).',
    required: true,
    options: COMMENT_TYPES.map((t) => COMMENT_TYPE_LABELS[t]),
  },
  {
    id: 'comment',
    type: 'textarea',
    label: 'Comment',
    description: `Your comment (at most ${n(COMMENT_LIMITS.comment)} characters).`,
    required: true,
  },
  {
    id: 'language',
    type: 'dropdown',
    label: 'Language of the comment',
    description: 'You may write in English or Spanish (puede escribir en inglés o en español). Left empty, the comment is read as English.',
    required: false,
    options: COMMENT_LANGUAGES.map((l) => COMMENT_LANGUAGE_LABELS[l]),
  },
  {
    id: 'proposedChange',
    type: 'textarea',
    label: 'Proposed change',
    description: `The wording you propose instead (at most ${n(COMMENT_LIMITS.proposedChange)} characters).`,
    required: false,
  },
  {
    id: 'sector',
    type: 'dropdown',
    label: 'Stakeholder sector',
    description: 'The sector you speak for.',
    required: true,
    options: SECTORS.map((s) => SECTOR_LABELS[s]),
  },
  {
    id: 'organisation',
    type: 'input',
    label: 'Organisation',
    description: 'The organisation you belong to, if any. It is published with your comment.',
    required: false,
  },
  {
    id: 'name',
    type: 'input',
    label: 'Name',
    description: 'Your name, if you want it published with your comment. It is used only if you tick the box below.',
    required: false,
  },
  {
    id: 'publishName',
    type: 'checkboxes',
    label: 'Publishing your name',
    description: 'Comments are public. Your name is published in the feedback report only if you tick this box.',
    required: false,
    options: [PUBLISH_NAME_OPTION],
  },
];

/** What the top of the issue form says; GitHub does not put it in the issue body. */
const INTRODUCTION = [
  'Thank you for commenting on the draft strategy. Everything you write here is public.',
  '',
  'You do not need a GitHub account to comment: you can also use the comment form on each section of the strategy website.',
].join('\n');

/**
 * The text of `.github/ISSUE_TEMPLATE/comment.yml`. Issues filed from it get
 * the `comment` and `channel:github` labels; maintainers add version and
 * section labels when they triage.
 */
export function renderIssueFormYaml(): string {
  const form = {
    name: 'Comment on the strategy',
    description: 'Comment on a section or paragraph of the draft strategy while the consultation is open.',
    title: '[comment] ',
    labels: ['comment', 'channel:github'],
    body: [
      { type: 'markdown', attributes: { value: INTRODUCTION } },
      ...ISSUE_FORM_FIELDS.map(toFormElement),
    ],
  };
  const header = [
    '# Generated from src/lib/comments/issue-form-fields.ts: edit that file, then run',
    '# npm run issue-form',
  ].join('\n');
  return `${header}\n${stringify(form, { lineWidth: 0 })}`;
}

function toFormElement(field: IssueFormField) {
  const attributes: Record<string, unknown> = { label: field.label, description: field.description };
  if (field.placeholder) attributes.placeholder = field.placeholder;
  if (field.type === 'dropdown') attributes.options = [...(field.options ?? [])];
  if (field.type === 'checkboxes') attributes.options = (field.options ?? []).map((label) => ({ label, required: false }));
  return {
    type: field.type,
    id: field.id,
    attributes,
    ...(field.type === 'checkboxes' ? {} : { validations: { required: field.required } }),
  };
}

