/** Set by the bundler (scripts/build.mjs) to the built status page (src/web/); absent when running from source. */
declare const TEND_PAGE: PageAssets | undefined;

/** The status page's files, served as they are: no asset comes from another host. */
export interface PageAssets {
  'index.html': string;
  'app.js': string;
  'app.css': string;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>tend</title>
<p>The status page is part of the built tend: run <code>npm run build</code> and start <code>dist/tend.mjs</code>.
The JSON is served here all the same: <a href="/api/v1/status">/api/v1/status</a>, <a href="/api/v1/events">/api/v1/events</a>.</p></html>
`;

/** The page built into this bundle, or one that says how to build it (the JSON routes serve either way). */
export function pageAssets(): PageAssets {
  if (typeof TEND_PAGE === 'object') return TEND_PAGE;
  return { 'index.html': NOT_BUILT, 'app.js': '', 'app.css': '' };
}
