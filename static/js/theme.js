// Light or dark theme: follows the system until the visitor picks one with the toggle.
// Loaded without `defer` in <head> so the saved choice applies before the first paint.
(function () {
  "use strict";

  var STORAGE_KEY = "scholarsite-theme";
  var root = document.documentElement;
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  function savedTheme() {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return null; // Storage can be blocked (private mode, strict settings).
    }
  }

  function saveTheme(theme) {
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch (error) {
      // The choice then lasts for this page only.
    }
  }

  function currentTheme() {
    return root.getAttribute("data-theme") || (systemDark.matches ? "dark" : "light");
  }

  var saved = savedTheme();
  if (saved === "dark" || saved === "light") {
    root.setAttribute("data-theme", saved);
  }

  function wireToggle() {
    var toggle = document.querySelector(".theme-toggle");
    if (!toggle) {
      return;
    }
    function showState() {
      toggle.setAttribute("aria-pressed", currentTheme() === "dark" ? "true" : "false");
    }
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      saveTheme(next);
      showState();
    });
    systemDark.addEventListener("change", showState);
    showState();
    toggle.hidden = false; // Without this script the button could do nothing: keep it hidden.
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireToggle);
  } else {
    wireToggle();
  }
})();
