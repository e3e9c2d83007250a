// Build a MiniSearch index of the papers, as a static copy could ship it prebuilt, and
// time what a visitor's browser would do with it: parse and load the whole index, then
// search. Run by bench/static_engines.py: node prebuilt_index.mjs MINISEARCH PAPERS OUT
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [minisearchPath, papersPath, outPath] = process.argv.slice(2);
const { default: MiniSearch } = await import(minisearchPath);
const options = {
  fields: ["title", "authors", "venue"],
  storeFields: ["title", "year", "venue", "key"],
  searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 },
};
const papers = JSON.parse(readFileSync(papersPath, "utf8"));

let started = performance.now();
const index = new MiniSearch(options);
index.addAll(papers);
const built = performance.now() - started;
const text = JSON.stringify(index);
writeFileSync(outPath, text);

started = performance.now();
const loaded = MiniSearch.loadJSON(readFileSync(outPath, "utf8"), options);
const loading = performance.now() - started;

const queries = JSON.parse(process.env.QUERIES);
const searches = queries.map((query) => {
  const began = performance.now();
  const hits = loaded.search(query);
  return { query, hits: hits.length, ms: performance.now() - began, first: hits[0]?.title };
});
console.log(JSON.stringify({ papers: papers.length, built, loading, bytes: text.length, searches, heap: process.memoryUsage().heapUsed }));
