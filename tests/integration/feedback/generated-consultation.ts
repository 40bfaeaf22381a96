/**
 * A consultation of 3,000 comments on v0.2, as issue 13 describes it: three
 * campaigns of 1,200, 600 and 300 form letters with light edits, and 900
 * distinct comments, some quoting the strategy or a campaign letter. The
 * comments are written to a sample source in a copy of the content, and
 * `npm run feedback -- --version v0.2` runs on it as a person runs it,
 * offline. The caller removes `root`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignMix, type GeneratedComment } from '../../../src/lib/bench/campaign-mix.ts';
import { collationVersions } from '../../../src/lib/feedback/versions.ts';
import { loadSiteSettings } from '../../../src/lib/site/settings.ts';
import { loadCatalog } from '../../../src/lib/strategy/catalog.ts';

const repo = join(import.meta.dirname, '../../..');
export const CAMPAIGNS = [1200, 600, 300];
/** Issue numbers of the generated comments start here, past the v0.1 sample's. */
export const FIRST_ISSUE = 1001;

export interface GeneratedConsultation {
  /** A copy of the repository's content, with content/feedback/v0.2.json and reports/v0.2/ written by the run. */
  root: string;
  /** The comments in issue order: the comment of issue FIRST_ISSUE + i is mix[i]. */
  mix: GeneratedComment[];
  /** How npm run feedback ended. */
  run: { status: number | null; stdout: string; stderr: string };
}

export function generateConsultation(): GeneratedConsultation {
  const root = mkdtempSync(join(tmpdir(), 'consulta-campaigns-'));
  cpSync(join(repo, 'content'), join(root, 'content'), { recursive: true });
  const settings = loadSiteSettings(root);
  const v02 = collationVersions(loadCatalog(root, settings, new Date()).versions).find((v) => v.id === 'v0.2')!;
  const mix = campaignMix({ version: 'v0.2', sections: v02.sections, strategyText: v02.text ?? [], campaigns: CAMPAIGNS, distinct: 900, start: new Date(Date.now() - 5 * 86_400_000) });
  const source = {
    repository: 'belize-ncss/strategy',
    note: 'Generated: three campaigns and 900 distinct comments on v0.2.',
    issues: mix.map((m, i) => ({ number: FIRST_ISSUE + i, submission: m.submission, labels: [], state: 'open', created_at: m.submission.submittedAt })),
  };
  writeFileSync(join(root, 'content/feedback/sources/v0.2-generated.json'), JSON.stringify(source));
  const env = { ...process.env };
  for (const name of ['GITHUB_TOKEN', 'GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_INSTALLATION_ID', 'CONSULTA_OUTBOX', 'CONSULTA_SITE_URL']) delete env[name];
  const result = spawnSync(process.execPath, [join(repo, 'scripts/feedback.ts'), '--version', 'v0.2', '--offline', '--root', root, '--outbox', join(root, 'var/none.sqlite')], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { root, mix, run: { status: result.status, stdout: result.stdout, stderr: result.stderr } };
}
