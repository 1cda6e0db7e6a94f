// Keyboard use of the review console (no inline script: the page's CSP allows only this file).
// Lists (queue, log): j/k move through the rows, Enter opens one.
// An answer: 1/2/3 choose the verdict, s saves and opens the next queued answer, j/k next/previous answer,
// e edits the correction; in a text box Ctrl+Enter saves (and goes on), Esc leaves the box. ? shows the keys.
(function () {
  "use strict";
  var page = document.body.getAttribute("data-page");
  var help = document.getElementById("keys");

  function typing(el) {
    return el && (el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
      (el.tagName === "INPUT" && !/^(radio|checkbox|button|submit)$/.test(el.type)));
  }
  function go(id) {
    var link = document.getElementById(id);
    if (link) { window.location.href = link.href; }
  }
  function saveAndNext() {
    var form = document.getElementById("review-form");
    if (!form) { return; }
    var next = document.getElementById("save-next");
    if (form.requestSubmit) { form.requestSubmit(next || undefined); } else if (next) { next.click(); } else { form.submit(); }
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll("table.rows tbody tr[data-href]"));
  var current = -1;
  function select(i) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, k) { r.classList.toggle("current", k === current); });
    rows[current].scrollIntoView({block: "nearest"});
    var link = rows[current].querySelector("a");
    if (link) { link.focus({preventScroll: true}); }
  }

  var all = document.getElementById("all-rows");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=ids]").forEach(function (box) { box.checked = all.checked; });
    });
  }

  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    if (typing(el)) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); saveAndNext(); }
      else if (event.key === "Escape") { el.blur(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "?") { if (help) { help.hidden = !help.hidden; } return; }
    if (page === "answer") {
      var verdict = {"1": "correct", "2": "incorrect", "3": "follow_up"}[event.key];
      if (verdict) {
        var radio = document.querySelector("input[name=verdict][value=" + verdict + "]");
        if (radio) { radio.checked = true; radio.focus({preventScroll: true}); event.preventDefault(); }
      } else if (event.key === "s") { event.preventDefault(); saveAndNext(); }
      else if (event.key === "j") { go("next"); }
      else if (event.key === "k") { go("prev"); }
      else if (event.key === "e") { var box = document.getElementById("corrected"); if (box) { event.preventDefault(); box.focus(); } }
    } else if (rows.length) {
      if (event.key === "j") { event.preventDefault(); select(current + 1); }
      else if (event.key === "k") { event.preventDefault(); select(current - 1); }
      else if (event.key === "Enter" && current >= 0 && !(el && el.tagName === "A")) {
        window.location.href = rows[current].getAttribute("data-href");
      }
    }
  });
})();
