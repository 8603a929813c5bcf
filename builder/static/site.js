/* Kompetanseinnsyn: turns a chart's build-time SVG into an interactive plotly.js chart on request, sorts tables,
   and runs the comparison page. No inline script anywhere: this file is the only script besides the vendored
   plotly.js, which it loads (same origin) only when a chart is asked to be interactive. */
(function () {
  "use strict";

  var NB = {
    moduleType: "locale",
    name: "nb",
    dictionary: {
      "Download plot as a PNG": "Last ned figuren som PNG",
      "Download plot": "Last ned figuren",
      "Reset axes": "Tilbakestill aksene",
      "Autoscale": "Autoskaler",
      "Zoom": "Zoom",
      "Pan": "Panorer",
      "Zoom in": "Zoom inn",
      "Zoom out": "Zoom ut",
      "Produced with Plotly.js": "Laget med Plotly.js",
      "Double-click to zoom back out": "Dobbeltklikk for å zoome ut",
      "Click to enter Colorscale title": "",
      "Click to enter X axis title": "",
      "Click to enter Y axis title": "",
      "Snapshot succeeded": "Bildet er laget",
      "Taking snapshot - this may take a few seconds": "Lager bilde …"
    },
    format: {
      days: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
      shortDays: ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
      months: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
        "november", "desember"],
      shortMonths: ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
      date: "%d.%m.%Y",
      decimal: ",",
      thousands: "\u00a0"
    }
  };

  var CONFIG = {
    locale: "nb",
    displaylogo: false,
    responsive: true,
    scrollZoom: false,
    staticPlot: false,
    // No mode bar: the chart is aria-hidden (its figure caption and table carry the content), so it must hold
    // nothing focusable; the data downloads sit with the table.
    displayModeBar: false
  };

  /* Every chart is an inline SVG drawn at build time (first paint, no JavaScript, print). plotly.js is loaded only
     when a reader asks for the interactive chart (its button, a click on the chart, or the focus list), and then
     draws that one chart in place of its SVG; the SVG stays in the page for printing. */
  var PLOTLY_SRC = (document.currentScript && document.currentScript.getAttribute("data-plotly")) || "";
  var plotlyLoading = null;

  function loadPlotly() {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_SRC;
        script.async = true;
        script.onload = function () { window.Plotly.register(NB); resolve(window.Plotly); };
        script.onerror = function () { plotlyLoading = null; script.remove(); reject(new Error(PLOTLY_SRC)); };
        document.head.appendChild(script);
      });
    }
    return plotlyLoading;
  }

  function upgrade(figure) {
    if (figure.upgraded) { return figure.upgraded; }
    var block = figure.querySelector("script.chart-data");
    var still = figure.querySelector(".chart-static");
    figure.setAttribute("aria-busy", "true");
    figure.upgraded = loadPlotly().then(function (Plotly) {
      var live = document.createElement("div");
      live.className = "chart-live";
      live.id = block.getAttribute("data-target") + "-interaktiv";
      live.setAttribute("aria-hidden", "true");
      still.parentNode.insertBefore(live, still.nextSibling);
      var data = JSON.parse(block.textContent);
      return Plotly.newPlot(live, data.data, data.layout, CONFIG).then(function () {
        figure.classList.add("is-interactive");
        figure.removeAttribute("aria-busy");
        return live;
      });
    }, function (error) {
      figure.upgraded = null;
      figure.removeAttribute("aria-busy");
      throw error;
    });
    return figure.upgraded;
  }

  function interactiveCharts() {
    if (!PLOTLY_SRC) { return; }
    var figures = document.querySelectorAll("figure.chart-figure");
    Array.prototype.forEach.call(figures, function (figure) {
      var still = figure.querySelector(".chart-static");
      var button = figure.querySelector("button.chart-upgrade");
      if (!still || !button) { return; }
      button.hidden = false;
      // If plotly.js cannot be loaded, the SVG simply stays and the button can be tried again.
      function keep() { button.hidden = false; }
      button.addEventListener("click", function () {
        upgrade(figure).then(function () {
          button.hidden = true;
          figure.querySelector("figcaption").setAttribute("tabindex", "-1");
          figure.querySelector("figcaption").focus();
        }, keep);
      });
      still.addEventListener("click", function () {
        upgrade(figure).then(function () { button.hidden = true; }, keep);
      });
    });
  }

  var collator = new Intl.Collator("nb", { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    var cell = row.children[index];
    var raw = cell ? cell.getAttribute("data-value") : "";
    return raw === null ? "" : raw;
  }

  function sortTable(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = header.classList.contains("num");
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var order;
      if (numeric) {
        order = (x === "" ? -Infinity : parseFloat(x)) - (y === "" ? -Infinity : parseFloat(y));
      } else {
        order = collator.compare(x, y);
      }
      return ascending ? order : -order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function makeSortable() {
    var tables = document.querySelectorAll("table.sortable");
    Array.prototype.forEach.call(tables, function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort-button";
        button.textContent = th.textContent;
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () { sortTable(table, index, th); });
      });
    });
  }

  function focusControls() {
    var selects = document.querySelectorAll("select.focus-select");
    Array.prototype.forEach.call(selects, function (select) {
      select.parentNode.hidden = false;
      select.addEventListener("change", function () {
        var figure = document.getElementById("figur-" + select.getAttribute("data-chart").replace(/^chart-/, ""));
        if (!figure) { return; }
        upgrade(figure).then(function (chart) { focusTrace(chart, select.value); }, function () {});
      });
    });
  }

  function focusTrace(chart, wanted) {
    if (!chart.data) { return; }
    var opacity = chart.data.map(function (trace) {
      return !wanted || trace.name === wanted ? 1 : 0.2;
    });
    var width = chart.data.map(function (trace) { return wanted && trace.name === wanted ? 4 : 2; });
    window.Plotly.restyle(chart, { opacity: opacity, "line.width": width });
  }

  function formatKr(value) {
    var whole = Math.round(value).toString();
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  }

  function escapeText(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function compare() {
    var root = document.getElementById("sammenligning");
    if (!root) { return; }
    root.hidden = false;
    var texts = document.getElementById("sammenligning-tekster").dataset;
    var boxes = root.querySelectorAll("input[type=checkbox]");
    var params = new URLSearchParams(window.location.search);
    var chosen = { fylke: (params.get("fylker") || "").split(",").filter(Boolean),
      ordning: (params.get("ordninger") || "").split(",").filter(Boolean) };
    Array.prototype.forEach.call(boxes, function (box) {
      box.checked = chosen[box.name].indexOf(box.value) >= 0;
    });
    fetch(root.getAttribute("data-source")).then(function (r) { return r.json(); }).then(function (data) {
      function update() {
        var counties = [], schemes = [];
        Array.prototype.forEach.call(boxes, function (box) {
          if (box.checked) { (box.name === "fylke" ? counties : schemes).push(box.value); }
        });
        var parts = [];
        if (counties.length) { parts.push("fylker=" + counties.map(encodeURIComponent).join(",")); }
        if (schemes.length) { parts.push("ordninger=" + schemes.map(encodeURIComponent).join(",")); }
        var url = window.location.pathname + (parts.length ? "?" + parts.join("&") : "");
        window.history.replaceState(null, "", url);
        document.getElementById("del-lenke").setAttribute("href", url);
        draw(data, counties, schemes);
      }
      Array.prototype.forEach.call(boxes, function (box) { box.addEventListener("change", update); });
      update();
    });

    function draw(data, counties, schemes) {
      var caption = document.getElementById("sammenligning-tekst");
      var table = root.querySelector("table");
      var chart = document.getElementById("chart-sammenligning");
      var sums = {}, names = {}, years = {}, example = false;
      data.rader.forEach(function (r) {
        if (counties.indexOf(r[1]) < 0 || (schemes.length && schemes.indexOf(r[3]) < 0)) { return; }
        var key = r[1];
        names[key] = r[2];
        years[r[0]] = true;
        sums[key] = sums[key] || {};
        sums[key][r[0]] = (sums[key][r[0]] || 0) + Number(r[5]);
        example = example || r[6] !== "offisiell";
      });
      var yearList = Object.keys(years).sort();
      var keys = counties.filter(function (c) { return sums[c]; });
      var head = table.tHead.rows[0];
      while (head.cells.length > 1) { head.deleteCell(1); }
      table.tBodies[0].textContent = "";
      if (!keys.length) {
        caption.textContent = texts.empty;
        if (window.Plotly) { window.Plotly.purge(chart); }
        return;
      }
      keys.forEach(function (k) {
        var th = document.createElement("th");
        th.scope = "col";
        th.className = "num";
        th.textContent = k + " " + names[k] + " (kr)";
        head.appendChild(th);
      });
      yearList.forEach(function (y) {
        var tr = table.tBodies[0].insertRow();
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = y;
        tr.appendChild(th);
        keys.forEach(function (k) {
          var td = tr.insertCell();
          td.className = "num";
          td.textContent = sums[k][y] === undefined ? "–" : formatKr(sums[k][y]);
        });
      });
      caption.textContent = texts.caption + " (" + (schemes.length ? schemes.join(", ") : texts.allSchemes) + ")" +
        (example ? ". " + texts.example : "");
      var traces = keys.map(function (k, i) {
        return { type: "scatter", mode: "lines+markers", name: escapeText(k + " " + names[k]), x: yearList,
          y: yearList.map(function (y) { return sums[k][y] === undefined ? null : sums[k][y]; }),
          line: { dash: ["solid", "dash", "dot", "dashdot", "longdash"][i % 5], width: 2 },
          marker: { symbol: ["circle", "square", "diamond", "triangle-up", "x"][i % 5], size: 7 } };
      });
      loadPlotly().then(function (Plotly) {
        Plotly.react(chart, traces, { separators: ",\u00a0", height: 380, margin: { l: 72, r: 12, t: 12, b: 40 },
          xaxis: { type: "category" }, yaxis: { title: { text: texts.unit }, tickformat: ",.0f", rangemode: "tozero" },
          legend: { orientation: "h", y: -0.15 } }, CONFIG);
      });
    }
  }

  function search() {
    var box = document.getElementById("sok");
    if (!box || !window.PagefindUI) { return; }
    var d = box.dataset;
    /* eslint-disable-next-line no-new */
    new window.PagefindUI({
      element: "#sok", showSubResults: false, showImages: false, resetStyles: false,
      translations: { placeholder: d.placeholder, zero_results: d.zero, many_results: d.many,
        one_result: d.one, clear_search: d.clear, load_more: d.more }
    });
  }

  function start() {
    search();
    interactiveCharts();
    makeSortable();
    focusControls();
    compare();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
