// Draws every <canvas data-chart='{"type", "data", "stacked", "percent"}'> with Chart.js, on load
// and after htmx swaps content in. No inline scripts anywhere: the pages send a strict CSP.
(function () {
  "use strict";
  var palette = ["#1f6f8b", "#e07a1f", "#5b8c2a", "#b8336a", "#6a4c93", "#c9a227", "#2a9d8f",
    "#8d5524", "#4a6fa5", "#d1495b", "#00798c", "#edae49", "#66a182", "#9c6644"];

  function draw(canvas) {
    if (canvas.dataset.drawn || typeof Chart === "undefined") return;
    var spec = JSON.parse(canvas.dataset.chart);
    spec.data.datasets.forEach(function (set, i) {
      var colour = palette[i % palette.length];
      set.borderColor = colour;
      set.backgroundColor = spec.type === "line" ? colour : colour + "cc";
      set.tension = 0.2;
    });
    var axis = { stacked: !!spec.stacked, beginAtZero: true };
    if (spec.percent) { axis.max = 100; }
    new Chart(canvas, {
      type: spec.type,
      data: spec.data,
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: !!spec.stacked }, y: axis },
        plugins: { legend: { position: "bottom" } }
      }
    });
    canvas.dataset.drawn = "1";
  }

  function drawAll(root) {
    (root || document).querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
