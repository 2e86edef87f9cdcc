// The meeting sheet. Every entry waits in localStorage until the server has it, so a dropped
// connection, a reload or another device saving meanwhile loses nothing: when the server says
// the meeting changed (409), the phone reads what it holds now, re-applies its own entries for
// households nobody else changed, and asks the person about each household both changed.
(function () {
  const sheet = document.getElementById("sheet");
  if (!sheet) return;
  const rows = Array.from(sheet.querySelectorAll("[data-household]"));
  const rowOf = (id) => sheet.querySelector('[data-household="' + id + '"]');
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  const keys = new Map(rows.map((row) => [row, fold(row.dataset.key || "")]));

  // -- search and jump, filters: for everyone who opens the sheet -------------------------------
  const search = document.getElementById("sheet-search");
  const found = document.getElementById("search-results");
  const filters = document.getElementById("filters");
  let filter = "";

  function applyFilter() {
    for (const row of rows) row.classList.toggle("d-none", !!filter && row.dataset.status !== filter);
    for (const chip of filters.querySelectorAll("[data-filter]")) {
      const on = chip.dataset.filter === filter;
      chip.setAttribute("aria-pressed", on ? "true" : "false");
      chip.classList.toggle("active", on);
    }
  }

  function jump(row) {
    found.classList.add("d-none");
    search.value = "";
    if (row.classList.contains("d-none")) { filter = ""; applyFilter(); }
    row.scrollIntoView({ block: "center" });
    row.classList.add("sheet-jumped");
    setTimeout(() => row.classList.remove("sheet-jumped"), 1500);
    const input = row.querySelector("[data-agreed]");
    if (input) input.focus({ preventScroll: true });
  }

  function matches() {
    const words = fold(search.value.trim()).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    return rows.filter((row) => words.every((w) => keys.get(row).includes(w)));
  }

  if (search) {
    search.addEventListener("input", () => {
      const hits = matches();
      found.replaceChildren();
      if (!search.value.trim()) { found.classList.add("d-none"); return; }
      if (!hits.length) {
        const none = document.createElement("div");
        none.className = "list-group-item small text-muted";
        none.textContent = (document.getElementById("sheet-text") || { dataset: {} }).dataset.noMatch || "—";
        found.append(none);
      }
      for (const row of hits.slice(0, 8)) {
        const item = document.createElement("button");
        item.type = "button";
        item.className = "list-group-item list-group-item-action small py-1";
        item.textContent = row.dataset.key;
        item.addEventListener("click", () => jump(row));
        found.append(item);
      }
      found.classList.remove("d-none");
    });
    search.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const hits = matches();
      if (hits.length) jump(hits[0]);
    });
  }
  if (filters) {
    filters.addEventListener("click", (event) => {
      const chip = event.target.closest("[data-filter]");
      if (!chip) return;
      filter = filter === chip.dataset.filter ? "" : chip.dataset.filter;
      applyFilter();
    });
  }

  if (sheet.dataset.editable !== "1") return;

  // -- entering results -------------------------------------------------------------------------
  const T = document.getElementById("sheet-text").dataset;
  const fmt = (text, values) => text.replace(/%\((\w+)\)s/g, (_m, k) => values[k]);
  const key = "meeting-" + sheet.dataset.meeting + "-pending";
  const present = parseInt(sheet.dataset.present, 10);
  const state = document.getElementById("sync-state");
  const errorBox = document.getElementById("sheet-error");
  const panel = document.getElementById("exclude-panel");
  const caseSelect = document.getElementById("exclude-case");
  const reasonInput = document.getElementById("exclude-reason");
  const csrf = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="))?.split("=")[1];
  const initial = JSON.parse(document.getElementById("sheet-state").textContent);
  let version = initial.version;
  let server = initial.results;  // household id -> what the server holds
  let pending = JSON.parse(localStorage.getItem(key) || "{}");  // household id -> the phone's entry
  let busy = false;
  let sending = null;  // the household whose entry is on its way
  let retry = null;

  const save = () => localStorage.setItem(key, JSON.stringify(pending));
  const digits = (value) => String(value).replace(/[.\s]/g, "");

  // What a value is, to compare the phone's entry with what the server holds.
  function sig(value) {
    if (!value) return "";
    if (value.excluded) return "x|" + (value.case || "") + "|" + (value.reason || "").trim();
    return "a|" + digits(value.agreed);
  }

  function describe(value) {
    if (!value) return T.notEntered;
    if (value.excluded) {
      if (value.label) return value.label;  // as the server words it
      const option = caseSelect.querySelector('option[value="' + value.case + '"]');
      const text = option ? option.textContent : "";
      const ground = !option || option.dataset.needsDetail ? value.reason || text : text + (value.reason ? " (" + value.reason + ")" : "");
      return fmt(T.notAssessed, { ground: ground });
    }
    return fmt(T.votes, { agreed: digits(value.agreed), present: present });
  }

  function showTotals() {
    const counts = { passed: 0, failed: 0, excluded: 0, entered: 0, pending: 0, households: rows.length };
    for (const row of rows) {
      const result = server[row.dataset.household];
      if (result) { counts[result.status] += 1; counts.entered += 1; } else counts.pending += 1;
    }
    for (const [name, value] of Object.entries(counts)) {
      const el = document.querySelector('[data-total="' + name + '"]');
      if (el) el.textContent = value;
    }
  }

  function showState(offline) {
    const n = Object.values(pending).filter((e) => !e.refused).length;
    if (offline) {
      state.textContent = fmt(T.offline, { n: n });
      state.className = "text-danger";
    } else {
      state.textContent = n ? fmt(T.waiting, { n: n }) : T.saved;
      state.className = n ? "text-warning-emphasis" : "text-success";
    }
  }

  function badge(row, text, cls) {
    const b = row.querySelector("[data-state]");
    b.textContent = text;
    b.className = "badge " + cls;
  }

  const statusBadge = {
    passed: ["passed", "text-bg-success"],
    failed: ["failed", "text-bg-danger"],
    excluded: ["excluded", "text-bg-dark"],
  };

  // One row as the server holds it, with the phone's entry (waiting, refused or in question) on top.
  function render(id) {
    const row = rowOf(id);
    if (!row) return;
    const result = server[id];
    const entry = pending[id];
    const input = row.querySelector("[data-agreed]");
    row.dataset.status = result ? result.status : "pending";
    const shown = entry || result;
    if (document.activeElement !== input) {
      input.value = shown && !shown.excluded && shown.agreed !== null ? shown.agreed : "";
    }
    if (entry && entry.conflict) badge(row, T.ask, "text-bg-warning");
    else if (entry && entry.refused) badge(row, T.error, "text-bg-danger");
    else if (entry) badge(row, sending === id ? T.saving : T.unsaved, "text-bg-warning");
    else if (result) badge(row, T[statusBadge[result.status][0]], statusBadge[result.status][1]);
    else badge(row, "", "d-none");  // nothing yet: no badge, the empty box says it
    row.querySelector("[data-ground]").textContent = shown && shown.excluded ? describe(shown) : "";
    row.querySelector("[data-row-error]").textContent = entry && entry.refused ? entry.refused : "";
    const box = row.querySelector("[data-conflict]");
    box.replaceChildren();
    if (entry && entry.conflict) {
      box.className = "alert alert-warning small p-2 mt-1 mb-0";
      const text = document.createElement("div");
      text.textContent = fmt(T.conflict, { theirs: describe(result), mine: describe(entry) });
      const keep = document.createElement("button");
      keep.type = "button";
      keep.className = "btn btn-sm btn-primary mt-1 me-2";
      keep.dataset.keep = "";
      keep.textContent = T.keep;
      const use = document.createElement("button");
      use.type = "button";
      use.className = "btn btn-sm btn-outline-secondary mt-1";
      use.dataset.useTheirs = "";
      use.textContent = T.use;
      box.append(text, keep, use);
    } else box.className = "";
  }

  function renderAll() {
    for (const row of rows) render(row.dataset.household);
    showTotals();
  }

  // A message under the totals (always in view); the row says its own too.
  let told = null;
  function tell(message, ok) {
    errorBox.textContent = message;
    errorBox.className = "alert small py-1 px-2 mt-1 mb-0 " + (ok ? "alert-success" : "alert-danger");
    clearTimeout(told);  // good news makes way for the rows after a while; a problem stays
    if (ok) told = setTimeout(() => errorBox.classList.add("d-none"), 8000);
  }
  function untell() {
    if (!Object.values(pending).some((e) => e.refused || e.conflict)) errorBox.classList.add("d-none");
  }

  function refuse(id, message) {
    const entry = pending[id];
    if (entry) entry.refused = message;
    tell((rowOf(id)?.dataset.key || "") + ": " + message);
  }

  // The phone's entries against what the server now holds: the same value is done; a household
  // the other device left as this phone saw it takes this phone's entry; any other is asked about.
  function reconcile() {
    let asked = 0;
    for (const [id, entry] of Object.entries(pending)) {
      if (!rowOf(id)) { delete pending[id]; continue; }
      const now = sig(server[id]);
      if (now === sig(entry)) delete pending[id];
      else if (entry.base !== undefined && now === entry.base) entry.conflict = false;
      else { entry.conflict = true; asked += 1; }
    }
    save();
    if (asked) tell(fmt(T.conflicts, { n: asked }));
    renderAll();
    showState();
  }

  async function refresh() {
    const response = await fetch(sheet.dataset.resultsUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error("refresh " + response.status);
    const data = await response.json();
    version = data.version;
    server = data.results;
    reconcile();
  }

  function queue(row, value) {
    const id = row.dataset.household;
    if (!value.excluded && value.agreed.trim() === "") return;
    if (!pending[id] && server[id] && sig(server[id]) === sig(value)) return;  // unchanged
    // The value the phone saw when the entry was made: what a concurrent change is measured against.
    const base = pending[id] && pending[id].base !== undefined ? pending[id].base : sig(server[id]);
    pending[id] = { household: id, ...value, base: base };
    if (!value.excluded) {
      // Said on the row itself before anything is sent (it would be refused), and kept on the phone.
      const raw = value.agreed.trim();
      const n = digits(raw);
      if (!/^\d+$/.test(n)) refuse(id, fmt(T.notNumber, { value: raw }));
      else if (parseInt(n, 10) > present) refuse(id, fmt(T.tooMany, { agreed: n, present: present }));
    }
    if (!pending[id].refused) untell();
    save();
    render(id);
    showState();
    flush();
  }

  async function flush() {
    if (busy) return;
    const entry = Object.values(pending).find((e) => !e.refused && !e.conflict);
    if (!entry) { showState(); return; }
    busy = true;
    const id = entry.household;
    sending = id;
    render(id);
    try {
      const response = await fetch(sheet.dataset.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({
          household: id, agreed: entry.agreed, excluded: entry.excluded,
          case: entry.case || null, reason: entry.reason || "", version: version,
        }),
      });
      if (response.status >= 500) throw new Error("server " + response.status);
      const data = await response.json();
      if (response.ok) {
        version = data.version;
        server[id] = data.result;
        if (pending[id] === entry) delete pending[id];
        else if (pending[id]) pending[id].base = sig(data.result);  // corrected while on its way
        untell();
      } else if (response.status === 409) {
        await refresh();  // another device saved meanwhile: read it, then go on
      } else {
        refuse(id, data.error);  // kept on the phone and on the row until corrected
      }
      save();
      busy = false;
      sending = null;
      render(id);
      showTotals();
      showState();
      flush();
    } catch (e) {
      busy = false;  // offline: keep everything and try again shortly
      sending = null;
      showState(true);
      render(id);
      clearTimeout(retry);
      retry = setTimeout(flush, 3000);
    }
  }

  // -- the row's controls -------------------------------------------------------------------------
  sheet.addEventListener("change", (event) => {
    if (!event.target.matches("[data-agreed]")) return;
    queue(event.target.closest("[data-household]"), { agreed: event.target.value, excluded: false });
  });
  sheet.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !event.target.matches("[data-agreed]")) return;
    event.preventDefault();
    // Enter saves (by leaving the box) and moves to the next row still shown.
    const here = rows.indexOf(event.target.closest("[data-household]"));
    const next = rows.slice(here + 1).find((row) => !row.classList.contains("d-none"));
    if (next) {
      const input = next.querySelector("[data-agreed]");
      input.focus();
      input.select();
      next.scrollIntoView({ block: "nearest" });
    } else event.target.blur();
  });
  sheet.addEventListener("click", (event) => {
    const row = event.target.closest("[data-household]");
    if (!row) return;
    const id = row.dataset.household;
    if (event.target.matches("[data-all]")) {
      row.querySelector("[data-agreed]").value = present;
      queue(row, { agreed: String(present), excluded: false });
    } else if (event.target.matches("[data-exclude]")) {
      openPanel(row);
    } else if (event.target.matches("[data-keep]")) {
      pending[id].conflict = false;
      pending[id].base = sig(server[id]);
      save();
      render(id);
      flush();
    } else if (event.target.matches("[data-use-theirs]")) {
      delete pending[id];
      save();
      render(id);
      untell();
      showState();
    }
  });

  // -- không xét: the decree's case, and the reason when it asks for one ----------------------------
  let panelRow = null;
  function openPanel(row) {
    if (panelRow === row && !panel.classList.contains("d-none")) { panel.classList.add("d-none"); return; }
    panelRow = row;
    const shown = pending[row.dataset.household] || server[row.dataset.household];
    caseSelect.value = shown && shown.excluded ? String(shown.case || "") : "";
    reasonInput.value = shown && shown.excluded ? shown.reason || "" : "";
    row.querySelector("[data-conflict]").before(panel);
    panel.classList.remove("d-none");
    caseSelect.focus();
  }
  document.getElementById("exclude-close").addEventListener("click", () => panel.classList.add("d-none"));
  document.getElementById("exclude-save").addEventListener("click", () => {
    const row = panelRow;
    const option = caseSelect.selectedOptions[0];
    const error = row.querySelector("[data-row-error]");
    if (!caseSelect.value) { error.textContent = T.caseNeeded; return; }
    if (option.dataset.needsDetail && !reasonInput.value.trim()) { error.textContent = T.detailNeeded; reasonInput.focus(); return; }
    panel.classList.add("d-none");
    queue(row, { agreed: null, excluded: true, case: parseInt(caseSelect.value, 10), reason: reasonInput.value.trim() });
  });

  // -- "Các hộ còn lại đều tán thành": one request, confirmed with how many it writes --------------
  const rest = document.getElementById("rest-agreed");
  const modalEl = document.getElementById("rest-modal");
  const modal = rest && window.bootstrap ? new window.bootstrap.Modal(modalEl) : null;
  const restGo = document.getElementById("rest-go");
  const remaining = () => rows.filter((row) => !server[row.dataset.household] && !pending[row.dataset.household]).length;
  if (rest) {
    rest.addEventListener("click", () => {
      const n = remaining();
      if (!n) { tell(T.restNone, true); return; }
      document.getElementById("rest-body").textContent = fmt(T.restConfirm, { n: n, present: present });
      restGo.textContent = fmt(T.restGo, { n: n });
      modal.show();
    });
    restGo.addEventListener("click", async () => {
      restGo.disabled = true;
      try {
        const response = await fetch(sheet.dataset.completeUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
          body: JSON.stringify({ version: version, skip: Object.keys(pending).map(Number) }),
        });
        if (response.status >= 500) throw new Error("server " + response.status);
        const data = await response.json();
        modal.hide();
        if (response.ok) {
          version = data.version;
          server = data.results;
          reconcile();
          tell(fmt(T.restDone, { n: data.saved }), true);
        } else if (response.status === 409) {
          await refresh();
          tell(T.restStale, false);
        } else tell(data.error, false);
      } catch (e) {
        modal.hide();
        tell(T.restOffline, false);
      } finally {
        restGo.disabled = false;
      }
    });
  }

  window.addEventListener("online", flush);
  // Entries left from a dropped connection or a closed tab: checked against what the server now
  // holds (another device may have saved meanwhile), shown, then sent.
  reconcile();
  flush();
})();
