// The workspace's few enhancements. Every action is a plain form first; this file only makes
// some of them quicker (drag a card to a column = its "Move" form), asks before destructive
// posts, sends a post form once on a double click, and copies secrets shown once.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  // A double click sends a post form once (a second invitation, a second key …).
  if (form.method === "post") {
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    window.setTimeout(() => delete form.dataset.sent, 5000);
  }
});

document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (source && navigator.clipboard) {
    navigator.clipboard.writeText(source.textContent.trim()).then(() => {
      button.textContent = "Copied";
    });
  }
});

// The pipeline board: a card dropped on another column presses its own Move button.
(() => {
  const board = document.querySelector(".board[data-movable]");
  if (!board) return;
  let dragged = null;
  board.querySelectorAll(".card").forEach((card) => {
    card.setAttribute("draggable", "true");
    card.addEventListener("dragstart", (e) => {
      dragged = card;
      card.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", card.querySelector("a").href);
    });
    card.addEventListener("dragend", () => {
      card.classList.remove("dragging");
      dragged = null;
    });
  });
  board.querySelectorAll(".column[data-stage]").forEach((column) => {
    column.addEventListener("dragover", (e) => {
      if (!dragged) return;
      e.preventDefault();
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", () => column.classList.remove("drop-target"));
    column.addEventListener("drop", (e) => {
      column.classList.remove("drop-target");
      if (!dragged) return;
      e.preventDefault();
      const select = dragged.querySelector("select[form]");
      const button = dragged.querySelector("button[form]");
      if (!select || !button || select.value === column.dataset.stage) return;
      select.value = column.dataset.stage;
      button.form.requestSubmit(button);
    });
  });
})();
