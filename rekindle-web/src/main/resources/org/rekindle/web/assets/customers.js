// The customer page's P(alive) chart: the data is in <script type="application/json"
// id="palive-data"> (days as epoch days), drawn with Chart.js. No inline script: the dashboard's
// Content-Security-Policy allows our own files only.
(function () {
  'use strict';

  function day(epochDay) {
    return new Date(epochDay * 86400000).toISOString().slice(0, 10);
  }

  function points(pairs) {
    return pairs.map(function (p) {
      return { x: p[0], y: p[1] };
    });
  }

  function draw() {
    var source = document.getElementById('palive-data');
    var canvas = document.getElementById('palive-chart');
    if (!source || !canvas || typeof Chart === 'undefined') {
      return;
    }
    var data = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'P(alive)',
            data: points(data.curve),
            borderColor: '#2d6a4f',
            backgroundColor: '#2d6a4f',
            borderWidth: 2,
            pointRadius: 0,
            tension: 0
          },
          {
            label: 'stored by the daily runs',
            data: points(data.scored),
            showLine: false,
            pointRadius: 4,
            borderColor: '#b36b00',
            backgroundColor: '#f1a208'
          },
          {
            label: 'orders',
            data: data.purchases.map(function (d) {
              return { x: d, y: 0 };
            }),
            showLine: false,
            pointStyle: 'triangle',
            pointRadius: 5,
            borderColor: '#3b6fd8',
            backgroundColor: '#3b6fd8'
          }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: {
            type: 'linear',
            ticks: { maxTicksLimit: 6, callback: function (v) { return day(v); } }
          },
          y: { min: 0, max: 1, title: { display: true, text: 'P(alive)' } }
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: function (items) {
                return items.length ? day(items[0].parsed.x) : '';
              }
            }
          }
        }
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
