// Keyboard for the reviewers' desk. Keys act on elements the page marks with
// data-key (a button or link to click), or, in the queue, on the selected item.
// Nothing happens while the reviewer types in a field; Esc leaves the field.
(() => {
  "use strict";
  const typing = (el) =>
    el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
  const items = () => Array.from(document.querySelectorAll("[data-queue-item]"));
  let selected = -1;

  function select(index) {
    const list = items();
    if (!list.length) return;
    selected = Math.max(0, Math.min(index, list.length - 1));
    list.forEach((item, i) => item.classList.toggle("selected", i === selected));
    list[selected].scrollIntoView({ block: "nearest" });
  }

  function toggleHelp() {
    const help = document.getElementById("shortcuts");
    if (help.open) help.close();
    else help.showModal();
  }

  function onQueueKey(key) {
    const list = items();
    if (!list.length) return false;
    if (key === "j") { select(selected + 1); return true; }
    if (key === "k") { select(selected - 1); return true; }
    if (selected < 0) return false;
    if (key === "Enter" || key === "o") {
      list[selected].querySelector(".conflict-link").click();
      return true;
    }
    const button = list[selected].querySelector(`[data-item-key="${key}"]`);
    if (button) { button.click(); return true; }
    return false;
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.key === "?") { event.preventDefault(); toggleHelp(); return; }
    if (event.key === "/") {
      const search = document.querySelector("[data-search]");
      if (search) { event.preventDefault(); search.focus(); }
      return;
    }
    if (onQueueKey(event.key)) { event.preventDefault(); return; }
    const target = document.querySelector(`[data-key="${CSS.escape(event.key)}"]`);
    if (target) { event.preventDefault(); target.click(); }
  });

  document.addEventListener("click", (event) => {
    const trigger = event.target.closest("button[data-key='?']");
    if (trigger) toggleHelp();
  });
})();
