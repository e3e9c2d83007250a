// The cite box's Copy button: it copies the citation of the style chosen, and the
// style chosen is remembered for the next paper. The button stays hidden unless this
// script runs; every citation stays plain, selectable text anyway. What it says comes
// from the page, in the site's language (the button's data-words, "{style}" the style).
const REMEMBERED = "scholarsite-cite-style";

// Storage may be refused (private windows, blocked cookies): then nothing is remembered.
function stored(value) {
  try {
    if (value === undefined) return localStorage.getItem(REMEMBERED);
    localStorage.setItem(REMEMBERED, value);
  } catch (error) {
    return null;
  }
  return value;
}

document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector(".copy-status");

  function say(message) {
    if (status) status.textContent = message;
  }

  // Without the clipboard API (plain http), select the text so Ctrl+C copies it.
  function select(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  for (const button of document.querySelectorAll("button[data-copy-chosen]")) {
    const group = button.dataset.copyChosen;
    const words = JSON.parse(button.dataset.words);
    const choices = [...document.querySelectorAll(`input[name="${group}"]`)];
    const chosen = () => choices.find((choice) => choice.checked) || choices[0];
    const remembered = choices.find((choice) => choice.value === stored());
    if (remembered) remembered.checked = true;
    for (const choice of choices) {
      choice.addEventListener("change", () => {
        stored(choice.value);
        say("");
      });
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
      const style = chosen().value;
      const panel = document.querySelector(`.cite-panel[data-style="${CSS.escape(style)}"]`);
      const source = panel.querySelector("[id^=citation-]");
      if (navigator.clipboard && window.isSecureContext) {
        try {
          await navigator.clipboard.writeText(source.textContent.trim());
          say(words.copied.replace("{style}", style));
          return;
        } catch (error) {
          // Permission refused: fall back to selecting the text.
        }
      }
      select(source);
      say(words.selected.replace("{style}", style));
    });
  }
});
