// citeproc-js, the CSL processor behind Zotero and Mendeley, as the tests' reference implementation.
// Reads a JSON list of jobs on stdin, each {style (CSL XML), lang, locales (folder of locales-*.xml),
// items (CSL-JSON), clusters (lists of ids, in document order)}; writes, for each, {citations,
// bibliography, ids} (plain text, and the item id of each bibliography entry) as JSON on stdout.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function run(job) {
  const items = Object.fromEntries(job.items.map((item) => [item.id, item]));
  const sys = {
    retrieveLocale: (lang) => {
      const file = path.join(job.locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem: (id) => items[id],
  };
  const engine = new CSL.Engine(sys, job.style, job.lang, true);
  engine.setOutputFormat("text");
  const cited = [...new Set(job.clusters.flat())];
  engine.updateItems(cited);
  engine.updateUncitedItems(job.items.map((item) => item.id).filter((id) => !cited.includes(id)));
  const citations = job.clusters.map((ids) => engine.makeCitationCluster(ids.map((id) => ({ id }))));
  const [params, bibliography] = engine.makeBibliography();
  return { citations, bibliography, ids: params.entry_ids.map((ids) => ids[0]) };
}

process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(0, "utf8")).map(run)));
