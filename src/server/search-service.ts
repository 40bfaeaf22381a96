/**
 * The no-JavaScript search's index of every published version, built on first
 * use from the content this server was built with, and kept for its lifetime
 * (published versions never change).
 */
import { createParagraphSearch, type ParagraphSearch, type SearchDocument } from '../lib/search/paragraph-search.ts';
import { siteContext } from '../lib/site/context.ts';
import { sectionParagraphs } from '../lib/strategy/render-section.ts';

let search: ParagraphSearch | undefined;

export function paragraphSearch(): ParagraphSearch {
  search ??= createParagraphSearch(publishedParagraphs());
  return search;
}

function publishedParagraphs(): SearchDocument[] {
  const documents: SearchDocument[] = [];
  for (const version of siteContext().catalog.versions) {
    const versionId = version.manifest.id;
    version.sections.forEach((section, index) => {
      for (const paragraph of sectionParagraphs(section)) {
        documents.push({
          id: `${versionId}/${paragraph.anchor}`,
          version: versionId,
          sectionId: section.id,
          sectionTitle: section.title,
          sectionNumber: index + 1,
          n: paragraph.n,
          anchor: paragraph.anchor,
          text: paragraph.text,
        });
      }
    });
  }
  return documents;
}
