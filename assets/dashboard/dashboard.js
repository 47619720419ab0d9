// review-sla dashboard: draws each chart from the page's JSON block with uPlot (served by the
// app), and shows instants in the viewer's own time zone. No inline script: the page's
// Content-Security-Policy allows only scripts from the app itself.
(function () {
  "use strict";
  var COLOURS = ["#1f6feb", "#d1242f", "#2da44e", "#bf8700", "#8250df", "#57606a"];
  // Dashed lines for p90 series, solid for the rest.
  function dashFor(label) {
    return / p90$/.test(label) ? [6, 4] : undefined;
  }

  function localTimes() {
    var times = document.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var at = new Date(times[i].getAttribute("datetime"));
      if (!isNaN(at.getTime())) {
        times[i].textContent = at.toLocaleString(undefined, {
          year: "numeric",
          month: "short",
          day: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          timeZoneName: "short",
        });
      }
    }
  }

  function draw(chart) {
    var el = document.querySelector('[data-chart="' + chart.id + '"]');
    if (!el || typeof uPlot !== "function") return;
    var series = [{ label: "week" }];
    var data = [chart.x];
    chart.series.forEach(function (s, i) {
      series.push({
        label: s.label,
        stroke: COLOURS[i % COLOURS.length],
        width: 2,
        dash: dashFor(s.label),
        points: { show: true, size: 5 },
        spanGaps: false,
      });
      data.push(s.values);
    });
    var width = Math.max(320, Math.min(el.clientWidth || 900, 1100));
    var plot = new uPlot(
      {
        width: width,
        height: 260,
        series: series,
        scales: { x: { time: true } },
        axes: [{}, { label: chart.unit }],
        legend: { live: false },
      },
      data,
      el,
    );
    el.setAttribute("data-points", String(plot.data[0].length));
    el.setAttribute("data-series", String(plot.series.length - 1));
  }

  function start() {
    localTimes();
    var block = document.getElementById("dashboard-data");
    if (!block) return;
    var payload = JSON.parse(block.textContent || "{}");
    (payload.charts || []).forEach(draw);
    document.body.setAttribute("data-charts-ready", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
