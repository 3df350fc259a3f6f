// The feedback page's chart of the exit survey's reasons per month (Chart.js), from its JSON block.
(function () {
  "use strict";
  var el = document.getElementById("reasons-data");
  var canvas = document.getElementById("reasons-chart");
  if (!el || !canvas || typeof Chart === "undefined") {
    return;
  }
  var d = JSON.parse(el.textContent);
  var colours = ["#2d6a4f", "#f1a208", "#c0392b", "#3b6fd8", "#8e44ad", "#16a085", "#7f8c8d", "#d35400"];
  var sets = d.reasons.map(function (name, i) {
    return { label: name, data: d["r" + i], backgroundColor: colours[i % colours.length] };
  });
  new Chart(canvas, {
    type: "bar",
    data: { labels: d.months, datasets: sets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true,
        title: { display: true, text: "answers" } } }
    }
  });
})();
