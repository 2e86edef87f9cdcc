// Polls a running import and moves its progress bar; reloads when it is finished.
(function () {
  const box = document.getElementById("import-progress");
  if (!box) return;
  const bar = box.querySelector(".progress-bar");
  const count = document.getElementById("import-count");
  const status = document.getElementById("import-status");
  const fmt = new Intl.NumberFormat("vi-VN");
  async function poll() {
    try {
      const response = await fetch(box.dataset.url, { headers: { Accept: "application/json" } });
      const data = await response.json();
      bar.style.width = data.progress + "%";
      bar.textContent = data.progress + " %";
      box.querySelector(".progress").setAttribute("aria-valuenow", data.progress);
      count.textContent = "Đã xử lý " + fmt.format(data.done) + "/" + fmt.format(data.total) + " dòng…";
      status.textContent = data.label;
      if (!data.running) { window.location.reload(); return; }
    } catch (e) { /* a dropped connection: try again */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 500);
})();
