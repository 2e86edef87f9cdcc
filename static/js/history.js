// The dashboard's year-over-year chart and the same numbers as a table: figures are
// always written out (the server's text, the same as the targets table above), the chart
// only helps the eye. Each indicator has its target as a dashed line of its colour, and
// the y-axis spans the values and targets (58–98 %), not 0–100, so differences show.
(function () {
  const box = document.getElementById("history");
  if (!box) return;
  const colours = ["#198754", "#0d6efd", "#6f42c1", "#fd7e14", "#dc3545", "#212529"];
  const dashes = [[], [], [6, 3], [], [2, 2], [8, 4]];
  const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
  // The value beside each point, written as the table writes it; where two points of a year
  // nearly meet, the lower one's label goes under it.
  const pointLabels = {
    id: "pointLabels",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const byYear = new Map();
      chart.data.datasets.forEach((ds, i) => {
        if (!ds.texts || !chart.isDatasetVisible(i)) return;
        chart.getDatasetMeta(i).data.forEach((point, j) => {
          if (ds.data[j] === null || point.skip) return;
          if (!byYear.has(j)) byYear.set(j, []);
          byYear.get(j).push({x: point.x, y: point.y, colour: ds.borderColor, text: ds.texts[j].replace(/\u00a0%$/, "")});
        });
      });
      ctx.save();
      ctx.font = "11px system-ui, sans-serif";
      ctx.textBaseline = "bottom";
      byYear.forEach((labels) => {
        labels.sort((a, b) => a.y - b.y);
        let last = -Infinity;
        labels.forEach((label) => {
          let y = label.y - 6;
          if (y - last < 12) y = label.y + 18;  // too close to the label above: under the point
          last = y;
          ctx.fillStyle = label.colour;
          ctx.textAlign = label.x > chart.chartArea.right - 20 ? "right" : label.x < chart.chartArea.left + 20 ? "left" : "center";
          ctx.fillText(label.text, label.x, y);
        });
      });
      ctx.restore();
    },
  };
  fetch(box.dataset.url, {credentials: "same-origin"})
    .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then((data) => {
      const head = box.querySelector("#history-table thead");
      const body = box.querySelector("#history-table tbody");
      const closed = new Set(data.closed || []);
      const closedLabel = box.dataset.closed || "";
      const targetLabel = box.dataset.target || "";
      head.innerHTML = "<tr><th></th><th class=\"text-end\">" + escape(targetLabel) + "</th>" + data.years.map((y) => `<th class="text-end">${y}${closed.has(y) ? `<br><span class="fw-normal">${closedLabel}</span>` : ""}</th>`).join("") + "</tr>";
      body.innerHTML = data.series.map((s) => `<tr data-code="${escape(s.code)}"><th>${escape(s.label || s.code)}</th><td class="text-end text-nowrap">${escape(s.target_text)}</td>` +
        s.points.map((p) => `<td class="text-end text-nowrap">${escape(p.text)}</td>`).join("") + "</tr>").join("");
      document.getElementById("history-loading").remove();
      if (typeof Chart === "undefined") return;
      // Rates only on the chart; a count of the year (NVHMOI) stays in the table.
      data.series = data.series.filter((s) => !s.count);
      const shown = data.series.flatMap((s) => s.points.map((p) => p.value).concat([s.target])).filter((v) => v !== null);
      const low = Math.max(0, Math.floor((Math.min(...shown) - 3) / 5) * 5);
      const high = Math.min(100, Math.ceil((Math.max(...shown) + 3) / 5) * 5);
      const lines = data.series.map((s, i) => ({label: s.label || s.code, data: s.points.map((p) => p.value), texts: s.points.map((p) => p.text),
        borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length],
        borderDash: dashes[i % dashes.length], pointStyle: ["circle", "rect", "triangle", "rectRot", "star", "crossRot"][i % 6],
        pointRadius: 4, spanGaps: false}));
      const targets = data.series.map((s, i) => ({label: `${s.label || s.code} ${s.target_text}`, data: data.years.map(() => s.target),
        target: true, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length],
        borderDash: [4, 4], borderWidth: 1, pointRadius: 0, pointHitRadius: 0}));
      new Chart(document.getElementById("history-chart"), {
        type: "line",
        data: {labels: data.years, datasets: lines.concat(targets)},
        options: {maintainAspectRatio: false, animation: false, interaction: {mode: "index", intersect: false},
          layout: {padding: {top: 14, right: 4}},
          scales: {y: {min: low, max: high, ticks: {callback: (v) => v + "\u00a0%"}}},
          plugins: {
            // Targets are named in the indicators' legend entries ("GDVH ≥ 97 %"), not twice.
            legend: {labels: {boxWidth: 14, filter: (item, chart) => !chart.datasets[item.datasetIndex].target,
              generateLabels: (chart) => Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
                const s = data.series[item.datasetIndex];
                return s && !chart.data.datasets[item.datasetIndex].target ? {...item, text: `${s.label || s.code} (${s.target_text})`} : item;
              })}},
            tooltip: {filter: (item) => !item.dataset.target,
              callbacks: {label: (c) => `${c.dataset.label}: ${c.dataset.texts[c.dataIndex]}`}}}},
        plugins: [pointLabels],
      });
    })
    .catch(() => { document.getElementById("history-loading").textContent = box.dataset.error; });
})();
