// Firstperson designer: small progressive enhancements on top of plain
// HTML forms that work without it. Drag to reorder (pointer events, so a
// finger works as well as a mouse), the question editor's type-dependent
// fields and show-if answers, and live show-if in the preview.
(function () {
  "use strict";

  // The question editor shows options only for choice types, columns only
  // for tables, and so on (data-types lists the types a field belongs to).
  function syncTypeFields(form) {
    var select = form.querySelector("[data-type-select]");
    if (!select) return;
    form.querySelectorAll("[data-types]").forEach(function (el) {
      el.hidden = el.dataset.types.split(" ").indexOf(select.value) < 0;
    });
  }

  // The show-if answer is a list for yes/no and choice questions (their
  // answers are known), a text box for text and numbers.
  function syncShowIf(form) {
    var select = form.querySelector("[data-show-if-select]");
    var box = form.querySelector("[data-show-if-value]");
    if (!select || !box) return;
    var opt = select.options[select.selectedIndex];
    box.hidden = !select.value;
    var old = box.querySelector("#qe-showif-value");
    var kind = opt && opt.dataset.kind;
    var answers = [];
    try { answers = JSON.parse((opt && opt.dataset.answers) || "null") || []; } catch (e) { answers = []; }
    var control;
    if (kind === "choice" && answers.length) {
      control = document.createElement("select");
      answers.forEach(function (a) {
        var o = document.createElement("option");
        o.value = a.value;
        o.textContent = a.text;
        if (old && old.value === a.value) o.selected = true;
        control.appendChild(o);
      });
    } else {
      control = document.createElement("input");
      control.type = "text";
      if (kind === "number") control.inputMode = "decimal";
      if (old && old.tagName === "INPUT") control.value = old.value;
    }
    control.id = "qe-showif-value";
    control.name = "show_if_value";
    if (old) old.replaceWith(control); else box.appendChild(control);
  }

  function initQuestionForm(form) {
    var type = form.querySelector("[data-type-select]");
    var on = form.querySelector("[data-show-if-select]");
    if (type) type.addEventListener("change", function () { syncTypeFields(form); });
    if (on) on.addEventListener("change", function () { syncShowIf(form); });
    syncTypeFields(form);
  }

  // ---- Saving a drag: same-origin POST to the same routes the buttons use.
  function status(text) {
    var el = document.getElementById("save-status");
    if (el) el.textContent = text;
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Designer-Fetch": "1" }
    }).then(function (r) {
      if (!r.ok) throw new Error("save failed: " + r.status);
      return r.json();
    });
  }

  // refresh swaps in the editor as the server now renders it, so numbers,
  // problems and the voice count follow the move.
  function refresh() {
    return fetch(location.pathname + location.search, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector(".designer-grid");
        var here = document.querySelector(".designer-grid");
        if (fresh && here) {
          here.replaceWith(fresh);
          fresh.querySelectorAll("[data-question-form]").forEach(initQuestionForm);
        }
      });
  }

  function saved() {
    var t = new Date();
    var hh = String(t.getHours()).padStart(2, "0"), mm = String(t.getMinutes()).padStart(2, "0");
    status("Saved at " + hh + ":" + mm + ". Every change is saved as you make it.");
  }

  // ---- Autosave: forms marked data-autosave save when a field changes
  // (when the lead leaves it), so nothing typed is lost to a reload before
  // they press Save. A refusal is only announced here; pressing Save shows
  // the message next to the field.
  function autosave(form, changed) {
    status("Saving…");
    var fields = new URLSearchParams(new FormData(form));
    post(form.action, fields).then(function () {
      saved();
      // A question moved to another section: show the form as it now is.
      if (changed && changed.name === "section") return refresh();
    }).catch(function () {
      status("Not saved yet: press the Save button to see what needs changing.");
    });
  }

  function initAutosave(root) {
    root.addEventListener("change", function (e) {
      var form = e.target.form;
      if (form && form.hasAttribute("data-autosave") && e.target.name) autosave(form, e.target);
    });
  }

  // ---- Drag to reorder, by the ⠿ handle.
  function itemOf(handle) {
    return handle.closest(handle.dataset.drag === "section" ? "li.section" : "li.question");
  }

  function place(item) {
    var list = item.parentElement;
    var siblings = Array.prototype.filter.call(list.children, function (el) { return el.matches("li"); });
    return { list: list, index: siblings.indexOf(item) };
  }

  // moveTo puts the dragged item where the pointer is: before or after the
  // item of the same kind under it, or into an empty list of questions.
  function moveTo(item, kind, x, y) {
    var under = document.elementFromPoint(x, y);
    if (!under || item.contains(under)) return;
    var target = under.closest(kind === "section" ? "li.section" : "li.question");
    if (target && target !== item) {
      var box = target.getBoundingClientRect();
      target.parentElement.insertBefore(item, y < box.top + box.height / 2 ? target : target.nextSibling);
      return;
    }
    if (kind === "question") {
      var section = under.closest("li.section");
      var list = section && section.querySelector("ol.questions");
      if (list && list !== item.parentElement) {
        var first = list.querySelector("li.question");
        if (first && y < first.getBoundingClientRect().top) list.insertBefore(item, first);
        else list.appendChild(item);
      }
    }
  }

  function initDrag(root) {
    var designer = root.querySelector(".designer");
    if (!designer) return;
    var base = "/templates/" + designer.dataset.template + "/draft/";
    designer.addEventListener("pointerdown", function (e) {
      var handle = e.target.closest && e.target.closest(".drag-handle");
      if (!handle || e.button > 0) return;
      var kind = handle.dataset.drag, item = itemOf(handle);
      if (!item) return;
      e.preventDefault();
      var start = place(item);
      item.classList.add("dragging");
      designer.classList.add("is-dragging");
      var scroller = 0;
      function move(ev) {
        moveTo(item, kind, ev.clientX, ev.clientY);
        var edge = 60;
        scroller = ev.clientY < edge ? -12 : ev.clientY > window.innerHeight - edge ? 12 : 0;
      }
      var timer = setInterval(function () { if (scroller) window.scrollBy(0, scroller); }, 30);
      function up() {
        clearInterval(timer);
        document.removeEventListener("pointermove", move);
        document.removeEventListener("pointerup", up);
        document.removeEventListener("pointercancel", up);
        item.classList.remove("dragging");
        designer.classList.remove("is-dragging");
        var end = place(item);
        if (end.list === start.list && end.index === start.index) return;
        status("Saving…");
        var fields = { to: String(end.index) };
        var url = base + "sections/" + encodeURIComponent(item.dataset.id) + "/move";
        if (kind === "question") {
          url = base + "questions/" + encodeURIComponent(item.dataset.id) + "/move";
          fields.section = end.list.dataset.section;
        }
        post(url, fields).then(refresh).then(saved).catch(function () {
          status("That move was not saved. The page shows the form as it is saved.");
          refresh();
        });
      }
      document.addEventListener("pointermove", move);
      document.addEventListener("pointerup", up);
      document.addEventListener("pointercancel", up);
    });
  }

  // ---- Preview: show-if answers update live, as on the tablet.
  function answerOf(q) {
    var type = q.dataset.type;
    var inputs = q.querySelectorAll("input, textarea, select");
    if (type === "yesno") {
      var yn = q.querySelector("input:checked");
      return yn ? yn.value === "yes" : undefined;
    }
    if (type === "choice") {
      var c = q.querySelector("input:checked");
      return c ? c.value : undefined;
    }
    if (type === "multichoice") {
      return Array.prototype.map.call(q.querySelectorAll("input:checked"), function (i) { return i.value; });
    }
    if (type === "number") {
      return inputs[0] && inputs[0].value !== "" ? Number(inputs[0].value) : undefined;
    }
    return inputs[0] ? inputs[0].value : undefined;
  }

  function met(cond, answer) {
    if (Array.isArray(answer)) return answer.indexOf(cond.equals) >= 0;
    return answer === cond.equals;
  }

  function updatePreview(screen) {
    var qs = {};
    screen.querySelectorAll("[data-qid]").forEach(function (q) { qs[q.dataset.qid] = q; });
    // Form order: a question depending on a hidden one is hidden too.
    screen.querySelectorAll("[data-qid]").forEach(function (q) {
      if (!q.dataset.showIf) return;
      var cond = JSON.parse(q.dataset.showIf), on = qs[cond.question];
      q.hidden = !(on && !on.hidden && met(cond, answerOf(on)));
    });
  }

  function initPreview(root) {
    root.querySelectorAll("[data-preview]").forEach(function (screen) {
      screen.addEventListener("input", function () { updatePreview(screen); });
      screen.addEventListener("change", function () { updatePreview(screen); });
      var form = screen.querySelector("form");
      if (form) form.addEventListener("submit", function (e) { e.preventDefault(); });
    });
    root.querySelectorAll("[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  }

  function init() {
    document.querySelectorAll("[data-question-form]").forEach(initQuestionForm);
    initDrag(document);
    initAutosave(document);
    initPreview(document);
    // A refused publish or change: take keyboard and screen-reader users to
    // the summary of what to fix.
    var summary = document.querySelector(".error-summary[tabindex='-1']");
    if (summary) summary.focus();
    else if (new URLSearchParams(location.search).get("edit")) {
      var label = document.getElementById("qe-label");
      if (label) label.focus({ preventScroll: true });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
