/* The absorption trend chart of the outcome dashboard. The figures come from the page
 * (json_script), and the same figures are in the table below the chart. */
(function () {
  "use strict";
  var source = document.getElementById("absorption-data");
  var canvas = document.getElementById("absorption-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Numbers in the page's language, as the table writes them: 42,1 % or 42.1 %.
  var lang = document.documentElement.lang || "id";
  var share = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var whole = new Intl.NumberFormat(lang);
  var colours = ["#0b6e4f", "#2a7ab0", "#c77d16"];
  var keys = ["absorption", "answered", "self_employed"];
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: keys.map(function (key, index) {
        return {
          label: data.series[index],
          data: data[key],
          borderColor: colours[index],
          backgroundColor: colours[index],
          spanGaps: true,
          tension: 0.2
        };
      })
    },
    options: {
      locale: lang,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return whole.format(v) + " %"; } } } },
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            label: function (item) {
              return item.dataset.label + ": " + share.format(item.parsed.y) + " %";
            }
          }
        }
      }
    }
  });
}());
