// The dashboard's year-over-year chart and the same numbers as a table: figures are
// always written out, the chart only helps the eye.
(function () {
  const box = document.getElementById("history");
  if (!box) return;
  const percent = (v) => v === null ? "–" : v.toLocaleString("vi-VN", {minimumFractionDigits: 2, maximumFractionDigits: 2}) + "\u00a0%";
  const colours = ["#198754", "#0d6efd", "#6f42c1", "#fd7e14", "#dc3545", "#212529"];
  const dashes = [[], [], [6, 3], [], [2, 2], [8, 4]];
  fetch(box.dataset.url, {credentials: "same-origin"})
    .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then((data) => {
      const head = box.querySelector("#history-table thead");
      const body = box.querySelector("#history-table tbody");
      const closed = new Set(data.closed || []);
      const closedLabel = box.dataset.closed || "";
      head.innerHTML = "<tr><th></th>" + data.years.map((y) => `<th class="text-end">${y}${closed.has(y) ? `<br><span class="fw-normal">${closedLabel}</span>` : ""}</th>`).join("") + "</tr>";
      body.innerHTML = data.series.map((s) => `<tr data-code="${s.code}"><th>${s.code}</th>` +
        s.points.map((p) => `<td class="text-end text-nowrap">${percent(p.value)}</td>`).join("") + "</tr>").join("");
      document.getElementById("history-loading").remove();
      if (typeof Chart === "undefined") return;
      new Chart(document.getElementById("history-chart"), {
        type: "line",
        data: {
          labels: data.years,
          datasets: data.series.map((s, i) => ({label: s.code, data: s.points.map((p) => p.value),
            borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length],
            borderDash: dashes[i % dashes.length], pointStyle: ["circle", "rect", "triangle", "rectRot", "star", "crossRot"][i % 6],
            pointRadius: 4, spanGaps: false})),
        },
        options: {maintainAspectRatio: false, animation: false, interaction: {mode: "index", intersect: false},
          scales: {y: {suggestedMin: 0, suggestedMax: 100, ticks: {callback: (v) => v + " %"}}},
          plugins: {tooltip: {callbacks: {label: (c) => `${c.dataset.label}: ${percent(c.parsed.y)}`}}}},
      });
    })
    .catch(() => { document.getElementById("history-loading").textContent = box.dataset.error; });
})();
