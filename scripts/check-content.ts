/**
 * `npm run content:check`: validates everything under content/ (frontmatter, tracks, scenario references)
 * and prints each problem as `file: field: message`. Runs before every build and in `npm test`.
 */
import { ContentError, readCatalog } from "../lib/content/catalog";

try {
  const { tracks, lessons, challenges } = readCatalog();
  console.log(`content ok: ${tracks.length} tracks, ${lessons.length} lessons, ${challenges.length} challenges`);
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
