// Copy buttons of the cite box. Each button names the element whose text it copies;
// buttons stay hidden unless this script runs, and the text stays selectable anyway.
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

  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const style = document.getElementById(button.getAttribute("aria-describedby"));
      const name = style ? style.textContent : "Citation";
      if (navigator.clipboard && window.isSecureContext) {
        try {
          await navigator.clipboard.writeText(source.textContent.trim());
          say(`${name} copied.`);
          return;
        } catch (error) {
          // Permission refused: fall back to selecting the text.
        }
      }
      select(source);
      say(`${name} selected: press Ctrl+C (or Cmd+C) to copy.`);
    });
  }
});
