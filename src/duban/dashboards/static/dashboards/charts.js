/* Draws every chart of a dashboard page with ECharts (vendored, SVG renderer,
 * Chinese locale). The numbers come from the <script type="application/json">
 * element named after each container (chart-<name>), written by Django's
 * json_script: no data is ever inlined into JavaScript. Animation is off so
 * that a printed or captured page shows the final picture. */
(function () {
  "use strict";

  // The ledger's lights: blue done or ahead, green on time, yellow due soon,
  // orange behind, red overdue.
  var LIGHTS = {
    done: "#0d6efd",
    on_time: "#198754",
    due_soon: "#ffc107",
    behind: "#fd7e14",
    overdue: "#dc3545"
  };
  var ROW = 28;

  function stacked(data) {
    return {
      height: 70 + ROW * data.categories.length,
      option: {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 0 },
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: {
          type: "category",
          inverse: true,
          data: data.categories,
          axisLabel: { width: 180, overflow: "truncate" }
        },
        series: data.series.map(function (s) {
          return {
            name: s.name,
            type: "bar",
            stack: "total",
            barMaxWidth: 24,
            data: s.data,
            itemStyle: { color: LIGHTS[s.key] }
          };
        })
      }
    };
  }

  function line(data) {
    return {
      height: 280,
      option: {
        tooltip: { trigger: "axis", valueFormatter: percent },
        grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: data.categories },
        yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        series: [{ name: "按时报送率", type: "line", data: data.values, label: { show: true, formatter: "{c}%" } }]
      }
    };
  }

  function bar(data) {
    return {
      height: 60 + ROW * data.categories.length,
      option: {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: percent },
        grid: { left: 8, right: 40, top: 16, bottom: 8, containLabel: true },
        xAxis: {
          type: "value",
          min: 0,
          max: function (extent) { return Math.max(100, extent.max); },
          axisLabel: { formatter: "{value}%" }
        },
        yAxis: {
          type: "category",
          inverse: true,
          data: data.categories,
          axisLabel: { width: 200, overflow: "truncate" }
        },
        series: [{
          name: "完成比例",
          type: "bar",
          barMaxWidth: 24,
          data: data.values,
          label: { show: true, position: "right", formatter: "{c}%" },
          itemStyle: { color: "#0d6efd" }
        }]
      }
    };
  }

  function percent(value) {
    return value + "%";
  }

  var KINDS = { stacked: stacked, line: line, bar: bar };

  function draw(container) {
    var source = document.getElementById("chart-" + container.dataset.chart);
    if (!source) {
      return null;
    }
    var data = JSON.parse(source.textContent);
    var build = KINDS[data.kind];
    if (!build) {
      return null;
    }
    var chart = build(data);
    container.style.height = chart.height + "px";
    var instance = echarts.init(container, null, { locale: "ZH", renderer: "svg" });
    chart.option.animation = false;
    instance.setOption(chart.option);
    return instance;
  }

  function start() {
    if (typeof echarts === "undefined") {
      return;
    }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (container) {
      var instance = draw(container);
      if (instance) {
        charts.push(instance);
      }
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (instance) { instance.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
