import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envExample, settingsTable, withSettingsTable } from '../../../src/lib/config/docs.ts';
import { parseConfig, SETTINGS } from '../../../src/lib/config/settings.ts';

describe('the settings documentation', () => {
  it('.env.example is what npm run settings:docs writes from the schema', () => {
    expect(readFileSync('.env.example', 'utf8')).toBe(envExample(SETTINGS));
  });

  it("the README's table of settings is what npm run settings:docs writes from the schema", () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(withSettingsTable(readme, settingsTable(SETTINGS)));
    for (const { name } of SETTINGS) expect(readme).toContain(`| \`${name}\` |`);
  });

  it('lists exactly the variables the settings are read from', () => {
    const read = new Set<string>();
    // With credentials set, so that the settings read only alongside them are read too.
    const given: Record<string, string> = { GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'o/r', GITHUB_OAUTH_CLIENT_ID: 'a', GITHUB_OAUTH_CLIENT_SECRET: 'b' };
    const env = new Proxy({}, {
      get: (_, name) => {
        read.add(String(name));
        return given[String(name)];
      },
    });
    parseConfig(env);
    expect([...read].sort()).toEqual(SETTINGS.map((s) => s.name).sort());
  });

  it('never puts a secret\'s example value in .env.example', () => {
    const example = envExample(SETTINGS);
    for (const { name } of SETTINGS.filter((s) => s.secret)) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
  });
});
