// The search page of a static copy of the site (see webapp/freezing.py): the query
// language read into Pagefind filters, results and facet counts drawn from its index,
// which the browser fetches a chunk at a time. What it says comes from the page, in the
// site's language (data-words).
const root = document.querySelector(".static-search");
const WORDS = JSON.parse(root.dataset.words);
const FIELDS = new Set(["author", "title", "venue", "year", "type", "has", "person"]);
const PAGE = 20;

function folded(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

// "lipschitz author:zhou year:2018..2020 has:code" -> words and filters. Authors and
// titles are words of the papers' pages; a venue is a filter when it names one of the
// copy's venues (`known`, any case), else its words are looked up too.
function parse(query, known) {
  const words = [];
  const chosen = {};
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
      chosen.year = { any: years };
    } else if (name === "venue") {
      const venue = Object.keys(known.venue || {}).find((v) => folded(v) === folded(value));
      if (venue) chosen.venue = [venue];
      else words.push(value);
    } else {
      chosen[name] = [...(chosen[name] || []), folded(value)];
    }
  }
  const filters = {};
  for (const [name, values] of Object.entries(chosen)) {
    filters[name] = Array.isArray(values) ? { all: values } : values;
  }
  return { text: words.join(" ").trim() || null, filters };
}

// A query of filters only: every paper a venue or a year filter keeps shows that venue's
// name or that year on its page, so searching those words finds the same papers while
// the browser loads one word's part of the index, not all of it.
function namedWords(filters) {
  const named = [...(filters.venue?.all || []), ...(filters.year?.all || [])];
  return named.length ? named.join(" ") : null;
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

// Pagefind's excerpt marks the words found with <mark>: keep those and the text only.
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  const kept = element("p", "result-snippet");
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") kept.append(element("mark", "", node.textContent));
    else kept.append(node.textContent);
  }
  return kept;
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
  // Counting the results by filter needs the filter index, and costs more than the
  // search itself on a big site: the results are shown first, their counts after. A
  // venue named in the query needs the index first, to know the copy's venues.
  const naming = /(^|\s)venue:/i.test(query);
  const known = naming ? await pagefind.filters() : {};
  const { text, filters } = parse(query, known);
  const words = text ?? namedWords(filters);
  const found = await pagefind.search(words, { filters });
  const total = found.results.length;
  let shown = 0;
  const more = element("button", "button button-quiet", WORDS.more);
  more.type = "button";
  async function showMore() {
    const page = await Promise.all(found.results.slice(shown, shown + PAGE).map((r) => r.data()));
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
  if (!naming) await pagefind.filters();
  const counted = naming ? found : await pagefind.search(words, { filters });
  facets(counted.filters || {}, query);
}

run();
