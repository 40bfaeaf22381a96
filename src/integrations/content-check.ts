/**
 * Checks all strategy content before Astro starts rendering, so a broken file
 * stops the build with one line naming the file and the field, instead of a
 * stack trace from the middle of a page. It also reports, as warnings that
 * never stop the build, sections whose readability score is below the
 * threshold in `content/site.json`.
 */
import type { AstroIntegration } from 'astro';
import { loadGlossary } from '../lib/glossary/load.ts';
import { readabilityChecks } from '../lib/readability/checks.ts';
import { readabilityWarnings } from '../lib/readability/section.ts';
import { loadSiteSettings } from '../lib/site/settings.ts';
import { loadCatalog } from '../lib/strategy/catalog.ts';
import { loadTraining } from '../lib/training/load.ts';
import { ContentError } from '../lib/strategy/content-error.ts';
import { parseCheckedBody } from '../lib/strategy/render-section.ts';

export function contentCheck(root = process.cwd()): AstroIntegration {
  return {
    name: 'consulta:content-check',
    hooks: {
      'astro:config:setup': ({ logger, command }) => {
        if (command !== 'build') return;
        try {
          const settings = loadSiteSettings(root);
          const catalog = loadCatalog(root, settings, new Date());
          const folders = [
            ...catalog.versions.map((v) => ({ folder: `content/strategy/versions/${v.manifest.id}`, sections: v.sections })),
            { folder: 'content/strategy/draft', sections: catalog.draft },
          ];
          for (const { folder, sections } of folders) {
            // Parsing is the check (components, imports, expressions); the pages render afterwards.
            for (const section of sections) parseCheckedBody(section.body, `${folder}/${section.file}`);
          }
          loadGlossary(root);
          loadTraining(root);
          if (settings.readability) {
            const checks = readabilityChecks(catalog);
            const warnings = readabilityWarnings(checks, settings.readability);
            for (const warning of warnings) logger.warn(warning);
            logger.info(`readability: ${checks.length} sections checked, ${warnings.length} below the threshold in content/site.json`);
          }
        } catch (error) {
          if (!(error instanceof ContentError)) throw error;
          logger.error(`Content error in ${error.file}:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
          // A clean exit code and message; the stack trace would only point at our loader.
          process.exit(1);
        }
      },
    },
  };
}
