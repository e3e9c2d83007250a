// Completions under every page's search box, from the site's suggestion API (the form's
// data-suggest address): papers, people and venues matching every word typed, the last
// one as a prefix. An ARIA combobox: arrows move through the list, Enter opens the one
// chosen (or searches, when none is), Escape closes it. Without JavaScript the box still
// searches. Its words come from the page, in the site's language (the form's data-words).
(function () {
  const form = document.querySelector("form.search-box[data-suggest]");
  const input = form && form.querySelector("input[type=search]");
  if (!input || !window.fetch) return;
  const WORDS = JSON.parse(form.dataset.words);
  const list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", WORDS.list);
  list.hidden = true;
  form.append(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("autocomplete", "off");

  let pending = null;
  let asked = 0;
  let active = -1;

  function options() {
    return [...list.querySelectorAll("[role=option]")];
  }

  function close() {
    asked += 1; // an answer still on its way must not open the list again
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    const all = options();
    active = all.length ? index % all.length : -1;
    all.forEach((option, n) => option.setAttribute("aria-selected", String(n === active)));
    if (active < 0) input.removeAttribute("aria-activedescendant");
    else input.setAttribute("aria-activedescendant", all[active].id);
  }

  function show(suggestions) {
    list.replaceChildren(
      ...suggestions.map((item, n) => {
        const option = document.createElement("li");
        option.id = `site-search-suggestion-${n}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = item.url;
        const kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = WORDS.kinds[item.kind] || item.kind;
        option.append(kind, " ", item.text);
        // Chosen on mousedown: a click would first blur the box and close the list.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          location.href = item.url;
        });
        return option;
      }),
    );
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  }

  input.addEventListener("input", () => {
    clearTimeout(pending);
    const text = input.value.trim();
    if (text.length < 2) {
      close();
      return;
    }
    pending = setTimeout(() => {
      const asking = ++asked;
      fetch(`${form.dataset.suggest}?q=${encodeURIComponent(text)}`)
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        // An older answer arriving late must not replace a newer one.
        .then((body) => asking === asked && show(body.suggestions))
        .catch(close);
    }, 150);
  });

  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const last = options().length - 1;
      if (event.key === "ArrowDown") choose(active + 1);
      else choose(active <= 0 ? last : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = options()[active].dataset.url;
    } else if (event.key === "Escape") {
      event.preventDefault(); // a search box would also clear what was typed
      close();
    }
  });

  input.addEventListener("blur", close);
})();
