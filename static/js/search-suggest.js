// Offer completions from /api/v1/suggest in the search box; without JavaScript the box still works.
(function () {
  const input = document.getElementById("site-search");
  if (!input || !window.fetch) return;
  const list = document.createElement("datalist");
  list.id = "site-search-suggestions";
  document.body.appendChild(list);
  input.setAttribute("list", list.id);
  let pending = null;
  input.addEventListener("input", function () {
    clearTimeout(pending);
    const text = input.value.trim();
    if (text.length < 2) return;
    pending = setTimeout(function () {
      fetch("/api/v1/suggest?q=" + encodeURIComponent(text))
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (body) {
          list.replaceChildren(...body.suggestions.map(function (item) {
            const option = document.createElement("option");
            option.value = item.text;
            return option;
          }));
        })
        .catch(function () {});
    }, 150);
  });
})();
