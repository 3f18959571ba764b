/* The demand-versus-supply chart of the gap analysis. The figures come from the page
 * (json_script), and the same figures are in the table below the chart. */
(function () {
  "use strict";
  var source = document.getElementById("gap-data");
  var canvas = document.getElementById("gap-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var series = [
    ["demand", "#c77d16"],
    ["planned", "#2a7ab0"],
    ["graduates", "#6b7280"],
    ["absorbed", "#0b6e4f"]
  ];
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: series.map(function (entry) {
        return { label: data.names[entry[0]], data: data[entry[0]], backgroundColor: entry[1] };
      })
    },
    options: {
      // Counts grouped the page's way (1.250 in Indonesian, 1,250 in English).
      locale: document.documentElement.lang || "id",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { ticks: { autoSkip: false, maxRotation: 60 } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
}());
