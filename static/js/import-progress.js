// Polls a running import and moves its progress bar; reloads when it is finished.
(function () {
  const box = document.getElementById("import-progress");
  if (!box) return;
  const bar = box.querySelector(".progress-bar");
  const count = document.getElementById("import-count");
  const status = document.getElementById("import-status");
  const fmt = new Intl.NumberFormat("vi-VN");
  let failures = 0;
  async function poll() {
    try {
      const response = await fetch(box.dataset.url, { headers: { Accept: "application/json" } });
      const data = await response.json();  // a login page (expired session) throws here
      failures = 0;
      bar.style.width = data.progress + "%";
      bar.textContent = data.progress + " %";
      box.querySelector(".progress").setAttribute("aria-valuenow", data.progress);
      count.textContent = data.status === "applying" ? "Đang ghi dữ liệu…"
        : !data.total ? "Đang chờ kiểm tra…"
        : "Đã xử lý " + fmt.format(data.done) + "/" + fmt.format(data.total) + " dòng…";
      status.textContent = data.label;
      if (!data.running) { window.location.reload(); return; }
    } catch (e) {
      failures += 1;  // a dropped connection: try again, but not for ever
      if (failures >= 10) {
        count.textContent = "Không lấy được tiến độ. Hãy tải lại trang (có thể cần đăng nhập lại).";
        return;
      }
    }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 500);
})();
