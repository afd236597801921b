// Draws each dashboard figure with Chart.js from the numbers in its data-figure attribute
// (the same numbers as the table beside it). Without JavaScript the tables remain.
(function () {
  "use strict";
  var PALETTE = ["#0b4f6c", "#c05600", "#1e6b34", "#6a3d9a", "#a1161b", "#4a5560",
                 "#b8860b", "#0b57a4", "#7a4a00", "#2f4f4f"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  function draw(canvas) {
    var figure = JSON.parse(canvas.getAttribute("data-figure"));
    var stacked = figure.kind === "stacked";
    var line = figure.kind === "line";
    var datasets = figure.series.map(function (name, i) {
      var colour = PALETTE[i % PALETTE.length];
      return {
        label: name, data: figure.values[i], backgroundColor: colour, borderColor: colour,
        borderDash: line ? DASHES[i % DASHES.length] : undefined, spanGaps: true,
        pointStyle: ["circle", "rect", "triangle", "rectRot"][i % 4], pointRadius: line ? 4 : 0
      };
    });
    canvas.chart = new window.Chart(canvas, {
      type: line ? "line" : "bar",
      data: { labels: figure.labels, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false, responsive: true,
        scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true,
                  title: { display: true, text: figure.unit } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
    canvas.setAttribute("data-drawn", "true");
  }
  function ready() {
    if (!window.Chart) { return; }
    document.querySelectorAll("canvas[data-figure]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
