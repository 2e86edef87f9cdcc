// The meeting sheet: each household's votes are saved as they are entered. Entries wait in
// localStorage until the server has them, so a dropped connection or a reload loses nothing.
(function () {
  const sheet = document.getElementById("sheet");
  if (!sheet || sheet.dataset.editable !== "1") return;
  const key = "meeting-" + sheet.dataset.meeting + "-pending";
  const present = parseInt(sheet.dataset.present, 10);
  const state = document.getElementById("sync-state");
  const errorBox = document.getElementById("sheet-error");
  const csrf = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="))?.split("=")[1];
  let version = parseInt(sheet.dataset.version, 10);
  let pending = JSON.parse(localStorage.getItem(key) || "{}");
  let busy = false;

  const rowOf = (id) => sheet.querySelector('[data-household="' + id + '"]');
  const save = () => localStorage.setItem(key, JSON.stringify(pending));

  function showState() {
    const n = Object.keys(pending).length;
    state.textContent = n ? "Chưa lưu " + n + " hộ…" : "Đã lưu";
    state.className = "small ms-1 " + (n ? "text-warning-emphasis" : "text-success");
  }

  function badge(row, text, cls) {
    const b = row.querySelector("[data-state]");
    b.textContent = text;
    b.className = "badge " + cls;
  }

  function queue(row) {
    const agreed = row.querySelector("[data-agreed]").value;
    if (agreed === "") return;
    const excluded = row.querySelector("[data-excluded]").checked;
    pending[row.dataset.household] = {
      household: row.dataset.household, agreed: agreed,
      excluded: excluded, reason: row.querySelector("[data-reason]").value,
    };
    badge(row, "Đang lưu…", "text-bg-warning");
    save();
    showState();
    flush();
  }

  async function flush() {
    if (busy) return;
    const ids = Object.keys(pending);
    if (!ids.length) { showState(); return; }
    busy = true;
    const entry = pending[ids[0]];
    try {
      const response = await fetch(sheet.dataset.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(Object.assign({}, entry, { version: version })),
      });
      const data = await response.json();
      const row = rowOf(entry.household);
      if (response.ok) {
        version = data.version;
        if (pending[entry.household] === entry) delete pending[entry.household];
        badge(row, data.passed ? "Đạt" : "Không đạt", data.passed ? "text-bg-success" : "text-bg-danger");
        for (const [name, value] of Object.entries(data.totals)) {
          const el = document.querySelector('[data-total="' + name + '"]');
          if (el) el.textContent = value;
        }
        errorBox.classList.add("d-none");
      } else {
        // Refused: say why and drop the entry (it would be refused again); a stale page must reload.
        delete pending[entry.household];
        badge(row, "Lỗi", "text-bg-danger");
        errorBox.textContent = data.error;
        errorBox.classList.remove("d-none");
      }
      save();
      busy = false;
      flush();
    } catch (e) {
      busy = false;  // offline: keep everything and try again shortly
      state.textContent = "Mất kết nối – " + Object.keys(pending).length + " hộ chờ lưu";
      state.className = "small ms-1 text-danger";
      setTimeout(flush, 3000);
    }
  }

  sheet.addEventListener("change", (event) => {
    const row = event.target.closest("[data-household]");
    if (!row) return;
    if (event.target.matches("[data-excluded]")) {
      row.querySelector("[data-reason]").classList.toggle("d-none", !event.target.checked);
      if (event.target.checked && !row.querySelector("[data-reason]").value) return;  // wait for the reason
    }
    queue(row);
  });
  sheet.addEventListener("click", (event) => {
    if (!event.target.matches("[data-all]")) return;
    const row = event.target.closest("[data-household]");
    row.querySelector("[data-agreed]").value = present;
    queue(row);
  });
  window.addEventListener("online", flush);

  // Entries left from a dropped connection or a closed tab go back on screen, then to the server.
  for (const entry of Object.values(pending)) {
    const row = rowOf(entry.household);
    if (!row) { delete pending[entry.household]; continue; }
    row.querySelector("[data-agreed]").value = entry.agreed;
    row.querySelector("[data-excluded]").checked = entry.excluded;
    row.querySelector("[data-reason]").value = entry.reason;
    badge(row, "Chưa lưu", "text-bg-warning");
  }
  save();
  showState();
  flush();
})();
