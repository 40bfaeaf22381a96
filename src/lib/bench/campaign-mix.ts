/**
 * A generated consultation with campaigns in it, for the grouping test and
 * benchmark: form letters sent many times with light edits (a signature,
 * sometimes a sentence added, a typo, a dropped salutation, capitals or
 * punctuation changed, a word swapped), and distinct comments, some of which
 * quote a paragraph of the strategy or the opening of a campaign letter
 * before saying something of their own. Every comment knows which campaign
 * it belongs to, if any, so a test can score the grouping.
 *
 * Deterministic: the same options give the same comments, byte for byte.
 */
import type { CommentSubmission } from '../comments/schema.ts';
import { SECTORS } from '../stakeholders/sectors.ts';
import { random } from './random.ts';

interface CampaignMixOptions {
  /** Version commented on. */
  version: string;
  /** Its sections, with how many citable paragraphs each has. */
  sections: readonly { id: string; paragraphs: number }[];
  /** Its paragraphs of text: distinct comments quote them. */
  strategyText: readonly string[];
  /** Members of each campaign, e.g. [1200, 600, 300]. At most as many as there are letters (see LETTERS). */
  campaigns: readonly number[];
  /** Comments written on their own. */
  distinct: number;
  /** When the first comment arrives. */
  start: Date;
  seed?: number;
}

export interface GeneratedComment {
  submission: CommentSubmission;
  /** Index of the campaign in `options.campaigns`, or null for a distinct comment. */
  campaign: number | null;
}

/** Form letters, as campaigns circulate them: a salutation, the body, a sign-off. */
const LETTERS: { salutation: string; body: string; signOff: string }[] = [
  {
    salutation: 'Dear members of the task force,',
    body:
      'I am writing as a citizen of Belize who cares about both security and our freedoms. The draft gives the police new powers to order the preservation and disclosure of traffic data, but it says nothing about who checks how often these powers are used. ' +
      'Without independent oversight, a power meant for serious crime can become routine surveillance. I ask you to add an annual public report to the National Assembly on every data order sought, granted and refused, and to give an independent body the right to inspect how they are used.',
    signOff: 'Yours sincerely,',
  },
  {
    salutation: 'To the National Cyber Security Coordinator,',
    body:
      'Most of my village still has no reliable internet, and the older people here get their news from the radio and the church, not from websites. An awareness campaign that lives online will not reach us. ' +
      "Please run the campaign on community radio in English, Kriol, Spanish, Q'eqchi' and Garifuna, and train a trusted person in every village to help people report scams before they lose their savings.",
    signOff: 'Thank you for listening,',
  },
  {
    salutation: 'Dear Minister,',
    body:
      'Small businesses like mine cannot afford the security audits this strategy asks of every operator that handles customer data. We support the aims, but the cost will fall on the smallest firms first. ' +
      'Please give businesses with fewer than twenty staff a simple self-assessment instead of an audit, a free checklist from the national CSIRT, and two years to comply.',
    signOff: 'Respectfully,',
  },
  {
    salutation: 'Dear task force,',
    body:
      'Protect our children online. Make every school teach online safety from Standard 1, and give parents a free helpline they can call about bullying, grooming and scams aimed at young people. ' +
      'The awareness campaign in this section speaks to adults; it should also reach children where they are, in school and on the phones they use every day.',
    signOff: 'Signed,',
  },
];

const FIRST = ['Maria', 'David', 'José', 'Ann', 'Ricardo', 'Keisha', 'Tomás', 'Philip', 'Celia', 'Marvin', 'Andrea', 'Luis', 'Elroy', 'Sandra', 'Kevin', 'Aisha', 'Carlos', 'Beverly', 'Jorge', 'Shanice', 'Ernesto', 'Gloria', 'Dwayne', 'Rosa'];
const LAST = ['Chen', 'Usher', 'Magaña', 'Flowers', 'Pop', 'Young', 'Cal', 'Gentle', 'Ayuso', 'Garcia', 'Coc', 'Martinez', 'Nicholas', 'Bol', 'Requena', 'Tillett', 'Castillo', 'Lopez', 'Arnold', 'Sho', 'Bennett', 'Ical', 'Lewis', 'Moh'];
const TOWNS = ['Orange Walk', 'Belmopan', 'Dangriga', 'San Ignacio', 'Punta Gorda', 'Corozal', 'Belize City', 'Hopkins', 'Santa Elena', 'Big Creek', 'San Pedro', 'Benque Viejo', 'Independence', 'Ladyville'];
/** Sentences people add to a form letter. */
const ADDED = [
  'My own phone company already keeps more about me than I would like.',
  'My grandmother lost eight hundred dollars to a caller who said he was from the bank.',
  'I have worked in this field for twenty years and I have seen what happens when nobody checks.',
  'Our teachers would gladly help with this if someone asked them.',
  'Please read this letter as my own words, not as a form.',
  'The same problem came up at the meeting in our district last month.',
  'We raised this with our area representative and got no answer.',
  'I would be happy to speak to the task force about it.',
];
const ORGANISATIONS = ['Belize Digital Rights Coalition', 'Toledo Youth Network', 'Small Business Association of Belize', 'Parents for Safe Schools Belize', 'Cayo Farmers Cooperative', 'Stann Creek Women in Business'];

/** Words for distinct comments: a commenter's own prose, not a template. */
const VOCABULARY = (
  'the national strategy should protect networks services citizens data team response regulator ministry capacity awareness training law ' +
  'cooperation partners region standards risk resilience recovery reporting oversight budget indicators review public sector systems operators ' +
  'telecommunications banking energy water health education police courts evidence privacy schools farmers tourism hotels ports customs ' +
  'election registry hospital clinic teachers students parents children women youth villages districts towns radio church phone bank scam fraud ' +
  'password backup cloud server email website app contract supplier licence permit tax audit grant loan fund salary staff officer analyst judge ' +
  'report plan year month week deadline target cost price fee fine penalty incentive support help advice guidance checklist course exam degree ' +
  'internship university college community network association chamber council board committee office unit agency department commission ' +
  'must could would might needs requires includes excludes allows forbids measures publishes explains clarifies delays funds trains hires ' +
  'clear vague fair strict weak strong small large rural urban local national regional international private independent annual quarterly'
).split(' ');

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function ownSentence(rand: () => number): string {
  const words = Array.from({ length: 9 + Math.floor(rand() * 10) }, () => pick(rand, VOCABULARY));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** A light edit of a form letter: what people do when they send one. */
function memberText(rand: () => number, letter: (typeof LETTERS)[number]): string {
  let body = letter.body;
  if (rand() < 0.3) {
    // A sentence added, at the end of one of the body's sentences.
    const sentences = body.split(/(?<=\.) /);
    sentences.splice(1 + Math.floor(rand() * sentences.length), 0, pick(rand, ADDED));
    body = sentences.join(' ');
  }
  if (rand() < 0.2) {
    // A typo: two neighbouring letters of a longer word swapped.
    const words = body.split(' ');
    const i = Math.floor(rand() * words.length);
    const w = words[i]!;
    if (w.length > 5) words[i] = `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}`;
    body = words.join(' ');
  }
  if (rand() < 0.1) body = body.replace(' please ', ' kindly ').replace('Please ', 'Kindly ');
  const name = `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
  const signature = rand() < 0.5 ? `${name}, ${pick(rand, TOWNS)}` : name;
  const salutation = rand() < 0.1 ? '' : `${letter.salutation}\n\n`;
  let text = `${salutation}${body}\n\n${letter.signOff}\n${signature}`;
  const style = rand();
  if (style < 0.1) text = text.toUpperCase();
  else if (style < 0.2) text = text.replace(/[,;]/g, '').replace(/\n\n/g, ' ');
  return text;
}

/** A comment written on its own; some quote the strategy or a campaign letter first. */
function distinctText(rand: () => number, strategyText: readonly string[]): string {
  const own = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => ownSentence(rand)).join(' ');
  const kind = rand();
  if (kind < 0.3 && strategyText.length) return `"${pick(rand, strategyText).trim()}" ${own}`;
  if (kind < 0.4) return `The letter going round says: "${pick(rand, LETTERS).body.split(/(?<=\.) /)[0]}" ${own}`;
  return own;
}

/** The comments, campaign members and distinct ones interleaved, in the order they arrive. */
export function campaignMix(options: CampaignMixOptions): GeneratedComment[] {
  if (options.campaigns.length > LETTERS.length) throw new RangeError(`at most ${LETTERS.length} campaigns`);
  const rand = random(options.seed ?? 7);
  const paragraphs = options.strategyText.filter((p) => p.trim().split(/\s+/).length >= 12 && !/^[#|<-]/.test(p.trim()));
  const kinds: (number | null)[] = [...options.campaigns.flatMap((n, c) => Array.from({ length: n }, () => c)), ...Array.from({ length: options.distinct }, () => null)];
  // Shuffle (Fisher-Yates) so campaigns and distinct comments interleave as they would over a consultation.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  const sections = options.sections.filter((s) => s.paragraphs > 0);
  // Each campaign targets one paragraph; distinct comments go anywhere.
  const targets = options.campaigns.map((_, c) => sections[c % sections.length]!);
  const spread = 14 * 86_400_000;
  return kinds.map((campaign, i) => {
    const section = campaign === null ? pick(rand, sections) : targets[campaign]!;
    const paragraph = campaign === null ? 1 + Math.floor(rand() * section.paragraphs) : 1;
    const text = campaign === null ? distinctText(rand, paragraphs) : memberText(rand, LETTERS[campaign]!);
    const organisation = campaign !== null && rand() < 0.05 ? pick(rand, ORGANISATIONS) : campaign === null && rand() < 0.3 ? `Organisation ${Math.floor(rand() * 400)}` : undefined;
    const submittedAt = new Date(options.start.getTime() + Math.floor((i / kinds.length) * spread)).toISOString();
    const submission: CommentSubmission = {
      submissionId: uuid(rand),
      version: options.version,
      section: section.id,
      paragraph: `p${paragraph}`,
      type: campaign === null ? pick(rand, ['general', 'technical', 'editorial'] as const) : 'general',
      comment: text,
      sector: campaign === null ? pick(rand, SECTORS) : organisation ? 'civil-society' : 'individual',
      ...(organisation ? { organisation } : {}),
      publishName: false,
      channel: campaign === null ? pick(rand, ['web', 'web', 'email', 'github'] as const) : 'web',
      submittedAt,
    };
    return { submission, campaign };
  });
}

/** A version-4 UUID from the seeded generator. */
function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
