(function () {
  "use strict";
  var dataNode = document.getElementById("report-data");
  var panel = document.getElementById("details");
  if (!dataNode || !panel) { return; }
  var data = JSON.parse(dataNode.textContent);
  var findings = {};
  data.findings.forEach(function (f) { findings[f.id] = f; });
  var pinned = null;
  var restoring = false;

  function part(cls) { return panel.querySelector("." + cls); }
  function setText(cls, text) {
    var node = part(cls);
    node.textContent = text;
    node.hidden = !text;
  }
  function fillList(cls, items, render) {
    var box = part(cls);
    var list = box.querySelector("ul");
    list.textContent = "";
    items.forEach(function (item) { list.appendChild(render(item)); });
    box.hidden = items.length === 0;
  }

  function show(ref, related, pin, trigger) {
    var f = findings[ref];
    if (!f) { return; }
    var applied = f.status === "applied";
    panel.querySelector("#details-title").textContent =
      (applied ? "Applied change " : "Suggestion ") + f.id + (applied ? "" : " (not applied)");
    var before = part("d-before"), after = part("d-after"), arrow = part("d-arrow");
    before.textContent = f.text;
    after.textContent = applied ? f.applied : (f.replacements[0] || "");
    after.hidden = !after.textContent;
    arrow.hidden = after.hidden;
    before.className = "d-before " + (applied ? "is-del" : "is-mark");
    part("d-rule").textContent = f.rule_id;
    part("d-engine").textContent = f.engine;
    part("d-category").textContent = f.category;
    var sev = part("d-severity");
    sev.textContent = f.severity;
    sev.className = "d-severity sev sev-" + f.severity;
    part("d-confidence").textContent = Math.round(f.confidence * 100) + "%";
    part("d-where").textContent = "line " + f.line + ", column " + f.column;
    setText("d-message", f.message);
    setText("d-reason", applied ? "" : "Not applied: " + (f.reason || "left for an editor") + ".");
    var alts = applied ? f.alternatives : f.replacements.slice(1);
    fillList("d-alts", alts, function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      return li;
    });
    fillList("d-related", (related || []).filter(function (n) { return findings[n]; }), function (n) {
      var li = document.createElement("li");
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "related-btn";
      btn.setAttribute("data-show", String(n));
      btn.textContent = "#" + n + " " + findings[n].rule_id + " (" + findings[n].status + "): " + findings[n].message;
      li.appendChild(btn);
      return li;
    });
    setText("d-also", f.also.length ? "Also reported by: " + f.also.join(", ") : "");
    panel.setAttribute("data-ref", String(f.id));
    decisions.paintPanel(f.id);
    panel.hidden = false;
    panel.classList.toggle("preview", !pin);
    if (pin) {
      if (pinned && pinned !== trigger) { pinned.setAttribute("aria-expanded", "false"); pinned.classList.remove("active"); }
      pinned = trigger || null;
      if (pinned) { pinned.setAttribute("aria-expanded", "true"); pinned.classList.add("active"); }
      panel.setAttribute("data-pinned", String(ref));
    }
    place(trigger, pin);
  }

  function place(trigger, pin) {
    // Keep the change in sight: the panel goes to the bottom, or to the top when that would
    // cover the change; when neither is clear, a pinned change is scrolled above the panel.
    panel.classList.remove("at-top");
    if (!trigger) { return; }
    var r = trigger.getBoundingClientRect();
    var p = panel.getBoundingClientRect();
    if (r.bottom <= p.top - 8 || r.top >= p.bottom + 8) { return; }
    panel.classList.add("at-top");
    var q = panel.getBoundingClientRect();
    if (r.top >= q.bottom + 8 || r.bottom <= q.top - 8) { return; }
    panel.classList.remove("at-top");
    if (pin) { window.scrollBy(0, r.bottom - p.top + 16); }
  }

  function hide(restoreFocus) {
    panel.hidden = true;
    panel.removeAttribute("data-pinned");
    if (pinned) {
      pinned.setAttribute("aria-expanded", "false");
      pinned.classList.remove("active");
      if (restoreFocus) {
        restoring = true;
        pinned.focus();
        restoring = false;
      }
      pinned = null;
    }
  }

  function refsOf(el) {
    var related = (el.getAttribute("data-related") || "").split(" ").filter(Boolean).map(Number);
    return { ref: Number(el.getAttribute("data-ref")), related: related };
  }

  function activeView() {
    var views = document.querySelectorAll(".view");
    for (var i = 0; i < views.length; i++) { if (!views[i].hidden) { return views[i]; } }
    return document;
  }

  function reveal(ref) {
    var view = activeView();
    var target = view.querySelector('.chg[data-ref="' + ref + '"]');
    if (!target) {
      var all = view.querySelectorAll(".chg[data-related]");
      for (var i = 0; i < all.length && !target; i++) {
        if (refsOf(all[i]).related.indexOf(ref) >= 0) { target = all[i]; }
      }
    }
    if (target) {
      var r = refsOf(target);
      target.scrollIntoView({ block: "center" });
      show(ref, r.ref === ref ? r.related : [r.ref], true, target);
      restoring = true;
      target.focus();
      restoring = false;
    } else {
      show(ref, [], true, null);
    }
  }

  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) { return; }
    var showBtn = t.closest("[data-show]");
    if (showBtn) { show(Number(showBtn.getAttribute("data-show")), [], true, pinned); return; }
    var jump = t.closest("[data-jump]");
    if (jump) { reveal(Number(jump.getAttribute("data-jump"))); return; }
    if (t.closest(".close")) { hide(true); return; }
    var chg = t.closest(".chg");
    if (chg) { var r = refsOf(chg); show(r.ref, r.related, true, chg); return; }
    if (!t.closest("#details") && !panel.hidden && panel.hasAttribute("data-pinned")) { hide(false); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { hide(true); return; }
    var t = e.target;
    if ((e.key === "Enter" || e.key === " ") && t instanceof Element && t.classList.contains("chg")) {
      e.preventDefault();
      var r = refsOf(t);
      show(r.ref, r.related, true, t);
    }
  });
  var canHover = !window.matchMedia || !window.matchMedia("(hover: none)").matches;
  function preview(e) {
    if (restoring || panel.hasAttribute("data-pinned")) { return; }
    if (e.type === "mouseover" && !canHover) { return; }
    var t = e.target instanceof Element ? e.target.closest(".chg") : null;
    if (t) { var r = refsOf(t); show(r.ref, r.related, false, t); }
  }
  function unpreview(e) {
    if (panel.hasAttribute("data-pinned")) { return; }
    var t = e.target instanceof Element ? e.target.closest(".chg") : null;
    var to = e.relatedTarget instanceof Element ? e.relatedTarget.closest(".chg") : null;
    if (t && to !== t) { panel.hidden = true; }
  }
  document.addEventListener("mouseover", preview);
  document.addEventListener("mouseout", unpreview);
  document.addEventListener("focusin", preview);
  document.addEventListener("focusout", unpreview);


  // -- accept / reject ---------------------------------------------------------------
  // Every finding is accepted (its change is made) or rejected (the original stays). The plan's
  // applied changes start accepted and suggestions rejected; the corrected text is rebuilt from
  // the original and the accepted choices. Offsets are Python string indices (code points), so
  // the original is handled as an array of code points, never as UTF-16 units.
  var decisions = (function () {
    var original = Array.from(data.original || "");
    var accepted = {};
    var box = document.getElementById("corrected-text");
    var bar = document.querySelector(".decide");
    var count = document.querySelector(".decide-count");
    var status = document.querySelector(".export-status");

    function reset() { data.findings.forEach(function (f) { accepted[f.id] = f.status === "applied" && !!f.choice; }); }
    function overlaps(a, b) {
      if (a.start === a.end || b.start === b.end) { return a.start === b.start || (a.start > b.start && a.start < b.end) || (b.start > a.start && b.start < a.end); }
      return a.start < b.end && b.start < a.end;
    }
    function set(id, on) {
      var f = findings[id];
      if (!f || !f.choice) { return; }
      if (on) {
        data.findings.forEach(function (g) {
          if (g.id !== id && accepted[g.id] && g.choice && overlaps(g.choice, f.choice)) { accepted[g.id] = false; }
        });
      }
      accepted[id] = on;
    }
    function text() {
      var chosen = data.findings.filter(function (f) { return accepted[f.id] && f.choice; })
        .map(function (f) { return f.choice; })
        .sort(function (a, b) { return a.start - b.start || a.end - b.end; });
      var out = [], pos = 0;
      chosen.forEach(function (c) {
        if (c.start < pos) { return; }
        out.push(original.slice(pos, c.start).join(""), c.after);
        pos = c.end;
      });
      out.push(original.slice(pos).join(""));
      return out.join("");
    }
    function paintPanel(id) {
      var group = panel.querySelector(".d-decide");
      var f = findings[id];
      if (!group || !f) { return; }
      group.hidden = !f.choice;
      Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) {
        var wantOn = b.getAttribute("data-decide-panel") === "accept";
        b.setAttribute("aria-pressed", String(!!accepted[id] === wantOn));
      });
    }
    function paint() {
      var n = 0, total = 0;
      data.findings.forEach(function (f) {
        var on = !!accepted[f.id];
        if (f.choice) { total += 1; if (on) { n += 1; } }
        Array.prototype.forEach.call(document.querySelectorAll('.chg[data-ref="' + f.id + '"]'), function (el) {
          el.classList.toggle("accepted", on);
          el.classList.toggle("rejected", !on);
        });
        Array.prototype.forEach.call(document.querySelectorAll('.note[data-note="' + f.id + '"]'), function (el) {
          el.classList.toggle("rejected", !on && !!f.choice);
        });
        var btn = document.querySelector('.decide-btn[data-decide="' + f.id + '"]');
        if (btn) {
          btn.textContent = !f.choice ? "no change to accept" : on ? "Accepted" : "Rejected";
          btn.setAttribute("aria-pressed", String(on));
          btn.setAttribute("aria-label", (on ? "Accepted" : "Rejected") + " change " + f.id + ": press to " + (on ? "reject" : "accept"));
        }
      });
      if (count) { count.textContent = n + " of " + total + " changes accepted"; }
      if (box) { box.value = text(); }
      var shown = panel.getAttribute("data-ref");
      if (shown && !panel.hidden) { paintPanel(Number(shown)); }
    }
    function say(message) { if (status) { status.textContent = message; } }
    function copy() {
      var value = text();
      function fallback() {
        box.value = value;
        box.focus();
        box.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
        say(ok ? "Corrected text copied." : "Select the corrected text below and copy it.");
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).then(function () { say("Corrected text copied."); }, fallback);
      } else {
        fallback();
      }
    }
    function download() {
      var blob = new Blob([text()], { type: "text/plain;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = data.download || "corrected.txt";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
      say("Downloaded " + link.download + ".");
    }

    reset();
    if (bar) { bar.hidden = false; }
    Array.prototype.forEach.call(document.querySelectorAll(".decide-btn, .js-only"), function (el) { el.hidden = false; });
    document.addEventListener("click", function (e) {
      var t = e.target instanceof Element ? e.target : null;
      if (!t) { return; }
      var one = t.closest("[data-decide]");
      if (one) { var id = Number(one.getAttribute("data-decide")); set(id, !accepted[id]); paint(); return; }
      var inPanel = t.closest("[data-decide-panel]");
      if (inPanel) {
        set(Number(panel.getAttribute("data-ref")), inPanel.getAttribute("data-decide-panel") === "accept");
        paint();
        return;
      }
      var all = t.closest("[data-decide-all]");
      if (all) {
        var how = all.getAttribute("data-decide-all");
        if (how === "reset") { reset(); } else {
          data.findings.forEach(function (f) { accepted[f.id] = false; });
          if (how === "accept") { data.findings.forEach(function (f) { if (f.status === "applied") { set(f.id, true); } }); data.findings.forEach(function (f) { if (f.status !== "applied" && f.choice && !data.findings.some(function (g) { return accepted[g.id] && g.choice && overlaps(g.choice, f.choice); })) { accepted[f.id] = true; } }); }
        }
        paint();
        return;
      }
      var exp = t.closest("[data-export]");
      if (exp) { if (exp.getAttribute("data-export") === "copy") { copy(); } else { download(); } }
    });
    paint();
    return { paintPanel: paintPanel };
  })();

  var buttons = document.querySelectorAll("[data-view]");
  Array.prototype.forEach.call(buttons, function (btn) {
    btn.addEventListener("click", function () {
      var wanted = btn.getAttribute("data-view");
      Array.prototype.forEach.call(buttons, function (b) {
        var on = b === btn;
        b.setAttribute("aria-pressed", on ? "true" : "false");
        var view = document.getElementById(b.getAttribute("data-view"));
        if (view) { view.hidden = !on; }
      });
      if (panel.hasAttribute("data-pinned")) { hide(false); }
      document.body.setAttribute("data-active-view", wanted);
    });
  });
})();
