// The search page of a static copy of the site (see webapp/freezing.py): the query
// language read into words of the papers' pages (filters included) and a Pagefind filter
// for a span of years, results and facet counts drawn from its index,
// which the browser fetches a chunk at a time. What it says comes from the page, in the
// site's language (data-words).
const root = document.querySelector(".static-search");
const WORDS = JSON.parse(root.dataset.words);
const FIELDS = new Set(["author", "title", "venue", "year", "type", "has", "person"]);
const PAGE = 20;

function folded(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

// A filter as the word a paper's page holds for it ("venue", "ACL" -> "venue_acl_"),
// written as webapp/freezing.py's filter_words writes them.
function filterWord(name, value) {
  return `${name}_${folded(value).replace(/[^\p{L}\p{N}]/gu, "")}_`;
}
const FILTER_WORD = /(?:year|venue|type|has|person)_[\p{L}\p{N}]*_/gu;

// "lipschitz author:zhou year:2018..2020 has:code" -> the words to look up and the
// filters left. Authors and titles are words of the papers' pages, and so is each
// filter (looking up a word is fast where a Pagefind filter makes it count every
// value for every result); only a span of years stays a filter.
function parse(query) {
  const words = [];
  const named = [];
  const filters = {};
  let venue = null;
  for (const token of query.match(/\w+:"[^"]*"|"[^"]*"|\S+/g) || []) {
    const field = token.match(/^(\w+):(.+)$/);
    const name = field && field[1].toLowerCase();
    if (!field || !FIELDS.has(name)) {
      words.push(token);
      continue;
    }
    const value = field[2].replace(/^"|"$/g, "");
    const span = name === "year" && value.match(/^(\d{4})\.\.(\d{4})$/);
    if (name === "author" || name === "title") {
      words.push(value);
    } else if (span) {
      const years = [];
      for (let year = Number(span[1]); year <= Number(span[2]); year += 1) years.push(String(year));
      filters.year = { any: years };
    } else {
      named.push(filterWord(name, value));
      if (name === "venue") venue = value;
    }
  }
  return { words, named, filters, venue };
}

function joined(words) {
  return words.join(" ").trim() || null;
}

// The words that find the query's papers, and Pagefind's answer. A venue that is none
// of the copy's venues' names is looked up as words of the papers.
async function found(pagefind, { words, named, filters, venue }) {
  const text = joined([...words, ...named]);
  const answer = await pagefind.search(text, { filters });
  if (answer.results.length || venue === null) return { text, answer };
  const venueWord = filterWord("venue", venue);
  const asWords = joined([...words, venue, ...named.filter((word) => word !== venueWord)]);
  return { text: asWords, answer: await pagefind.search(asWords, { filters }) };
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

// Pagefind's excerpt marks the words found with <mark>: keep those and the text only,
// without the filters' words (which only the index is meant to read).
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  const kept = element("p", "result-snippet");
  for (const node of parsed.childNodes) {
    const text = node.textContent.replace(FILTER_WORD, "");
    if (node.nodeName === "MARK" && text.trim()) kept.append(element("mark", "", text));
    else if (node.nodeName !== "MARK") kept.append(text);
  }
  return kept.textContent.trim() ? kept : "";
}

function result(data) {
  const item = element("li", "result");
  const title = element("h2", "result-title");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  title.append(link);
  item.append(title);
  if (data.meta.authors) item.append(element("p", "result-authors", data.meta.authors));
  if (data.meta.venue) item.append(element("p", "result-venue", data.meta.venue));
  item.append(excerpt(data.excerpt || ""));
  return item;
}

function facets(counts, query) {
  const aside = root.querySelector(".facets");
  aside.replaceChildren();
  for (const field of ["year", "venue"]) {
    const values = Object.entries(counts[field] || {}).filter(([, count]) => count > 0);
    if (!values.length) continue;
    values.sort((a, b) => (field === "year" ? b[0].localeCompare(a[0]) : b[1] - a[1]));
    const section = element("section", "facet");
    section.append(element("h2", "", WORDS[field]));
    const list = element("ul");
    for (const [value, count] of values.slice(0, 12)) {
      const narrowed = `${query} ${field}:${/\s/.test(value) ? `"${value}"` : value}`;
      const link = element("a", "", value);
      link.href = `?q=${encodeURIComponent(narrowed.trim())}`;
      const row = element("li");
      row.append(link, " ", element("span", "facet-count", String(count)));
      list.append(row);
    }
    section.append(list);
    aside.append(section);
  }
}

async function run() {
  const query = new URLSearchParams(location.search).get("q") || "";
  const status = root.querySelector(".search-status");
  const list = root.querySelector(".search-results");
  const box = document.querySelector("#site-search");
  if (box) box.value = query;
  if (!query.trim()) {
    status.textContent = WORDS.prompt;
    return;
  }
  const pagefind = await import(`${root.dataset.pagefind}pagefind.js`);
  await pagefind.options({ baseUrl: root.dataset.base });
  const parsed = parse(query);
  const { text, answer } = await found(pagefind, parsed);
  const total = answer.results.length;
  let shown = 0;
  const more = element("button", "button button-quiet", WORDS.more);
  more.type = "button";
  async function showMore() {
    const page = await Promise.all(answer.results.slice(shown, shown + PAGE).map((r) => r.data()));
    for (const data of page) list.append(result(data));
    shown += page.length;
    if (shown >= total) more.remove();
  }
  more.addEventListener("click", showMore);
  await showMore();
  if (shown < total) list.after(more);
  // Said once the first results are on the page, for screen readers and for tests.
  // The words of the number's plural form in the page's language ("one" or "other").
  const form = new Intl.PluralRules(document.documentElement.lang).select(total);
  status.textContent = total
    ? (WORDS.found[form] || WORDS.found.other).replace("{num}", total)
    : WORDS.nothing;
  if (!total) return;
  // Counting the results by year and venue needs the filter index, and costs more than
  // the search itself on a big site: the results are shown first, their counts after.
  await pagefind.filters();
  const counted = await pagefind.search(text, { filters: parsed.filters });
  facets(counted.filters || {}, query);
}

run();
