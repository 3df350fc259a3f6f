// The overview's charts (Chart.js), drawn from the JSON blocks of the page: no inline script.
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    if (!el || !el.textContent.trim()) {
      return null;
    }
    return JSON.parse(el.textContent);
  }
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === "undefined") {
      return;
    }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    new Chart(canvas, config);
  }
  var green = "#2d6a4f", amber = "#f1a208", red = "#c0392b", blue = "#3b6fd8";

  var states = data("states-data");
  if (states) {
    draw("states-chart", {
      type: "bar",
      data: {
        labels: states.labels,
        datasets: [
          { label: "Customers", data: states.customers, backgroundColor: green, yAxisID: "y" },
          { label: "Value at risk", data: states.valueAtRisk, backgroundColor: amber, yAxisID: "money" }
        ]
      },
      options: {
        scales: {
          y: { beginAtZero: true, position: "left", title: { display: true, text: "customers" } },
          money: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false },
            title: { display: true, text: "value at risk" } }
        }
      }
    });
  }

  var trend = data("trend-data");
  if (trend) {
    draw("trend-chart", {
      type: "bar",
      data: {
        labels: trend.weeks,
        datasets: [
          { label: "Comebacks (week from Monday)", data: trend.comebacks, backgroundColor: green, yAxisID: "y" }
        ]
      },
      options: {
        scales: {
          y: { beginAtZero: true, title: { display: true, text: "comebacks" } }
        }
      }
    });
    if (trend.runs.length > 0) {
      var canvas = document.getElementById("trend-chart");
      var extra = document.createElement("canvas");
      extra.id = "risk-chart";
      extra.setAttribute("role", "img");
      extra.setAttribute("aria-label", "Value at risk of each week's latest run");
      var box = document.createElement("div");
      box.className = "chart";
      box.appendChild(extra);
      canvas.parentNode.parentNode.insertBefore(box, canvas.parentNode.nextSibling);
      draw("risk-chart", {
        type: "line",
        data: {
          labels: trend.runs,
          datasets: [
            { label: "Value at risk (run of the week)", data: trend.valueAtRisk, borderColor: red,
              backgroundColor: red, yAxisID: "y" },
            { label: "Lapsing, dormant or lost", data: trend.atRisk, borderColor: blue,
              backgroundColor: blue, yAxisID: "count" }
          ]
        },
        options: {
          scales: {
            y: { beginAtZero: true, title: { display: true, text: "value at risk" } },
            count: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false },
              title: { display: true, text: "customers" } }
          }
        }
      });
    }
  }

  var tracking = data("tracking-data");
  if (tracking) {
    draw("tracking-chart", {
      type: "line",
      data: {
        labels: tracking.weeks,
        datasets: [
          { label: "Actual", data: tracking.actual, borderColor: green, backgroundColor: green },
          { label: "Expected by the model", data: tracking.expected, borderColor: amber,
            backgroundColor: amber, borderDash: [6, 4] }
        ]
      },
      options: {
        scales: { y: { beginAtZero: true, title: { display: true, text: "repeat purchases per week" } } }
      }
    });
  }
})();
