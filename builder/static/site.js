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

  /* The comparison page (/sammenlign/): counties, schemes and measure chosen in the form and carried in the URL;
     the figures come from the page's own data.json; the caption, the marks, the table, the chart (the site's
     layout, from the page's setup block) and the CSV download all come from the same selected cells. */
  var RANK_SHOWN = { beregnet: "b", eksempel: "e" };

  function formatKr(value) {
    var whole = Math.round(value).toString();
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  }

  function formatMill(value) {
    var tenths = Math.round(value / 100000);
    var whole = Math.floor(tenths / 10).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    return whole + "," + (tenths % 10) + "\u00a0mill.\u00a0kr";
  }

  function escapeText(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function listText(items, and) {
    if (items.length < 2) { return items.join(""); }
    return items.slice(0, -1).join(", ") + " " + and + " " + items[items.length - 1];
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  /* The same rule as builder/render/csv_writer.py: a text cell that a spreadsheet could read as a formula gets a
     leading apostrophe; a cell holding the separator, a quote or a line break is quoted. */
  function csvCell(value, triggers) {
    var text = String(value);
    if (typeof value === "string" && triggers.some(function (t) { return text.indexOf(t) === 0; })) {
      text = "'" + text;
    }
    return /[;"\r\n\u2028\u2029\u0085]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csvText(rows, triggers) {
    return "\ufeff" + rows.map(function (row) {
      return row.map(function (cell) { return csvCell(cell, triggers); }).join(";");
    }).join("\r\n") + "\r\n";
  }

  function readRows(data) {
    return data.rader.map(function (r) {
      var row = {};
      data.kolonner.forEach(function (name, i) { row[name] = r[i]; });
      return row;
    });
  }

  /* Per county and year: the sum of the chosen schemes (or per teacher FTE: of the chosen schemes keyed on teacher
     FTEs, divided by the county's FTEs), with the weakest status of what was added. */
  function selectCells(rows, counties, schemes, measure) {
    var cells = {}, years = {}, used = {};
    rows.forEach(function (r) {
      if (counties.indexOf(r.fylkesnummer) < 0 || (schemes.length && schemes.indexOf(r.ordning_id) < 0)) { return; }
      if (measure === "per_larer" && !r.per_larer) { return; }
      var byYear = cells[r.fylkesnummer] = cells[r.fylkesnummer] || {};
      var cell = byYear[r.aar] = byYear[r.aar] || { sum: 0, rank: -1, status: null, ok: true, fte: r.larerarsverk };
      var rank = measure === "per_larer" ? r.per_statusrang : r.statusrang;
      cell.sum += Number(r.belop);
      if (rank === null || (measure === "per_larer" && r.larerarsverk === null)) { cell.ok = false; }
      if (rank !== null && rank > cell.rank) {
        cell.rank = rank;
        cell.status = measure === "per_larer" ? r.per_status : r.status;
      }
      used[r.ordning_id] = r.ordning;
    });
    Object.keys(cells).forEach(function (k) {
      Object.keys(cells[k]).forEach(function (y) {
        var c = cells[k][y];
        c.value = !c.ok ? null : (measure === "per_larer" ? Math.round(c.sum / Number(c.fte)) : Math.round(c.sum));
        if (c.value === null) { delete cells[k][y]; } else { years[y] = true; }
      });
    });
    return { cells: cells, years: Object.keys(years).sort(), used: used };
  }

  function compare() {
    var root = document.getElementById("sammenligning");
    if (!root) { return; }
    root.hidden = false;
    var texts = document.getElementById("sammenligning-tekster").dataset;
    var setup = JSON.parse(document.getElementById("sammenligning-oppsett").textContent);
    var boxes = root.querySelectorAll("input[type=checkbox]");
    var radios = root.querySelectorAll("input[name=maal]");
    var params = new URLSearchParams(window.location.search);
    var chosen = { fylke: (params.get("fylker") || "").split(",").filter(Boolean),
      ordning: (params.get("ordninger") || "").split(",").filter(Boolean) };
    var wanted = params.get("maal") === "per_larer" ? "per_larer" : "belop";
    Array.prototype.forEach.call(boxes, function (box) { box.checked = chosen[box.name].indexOf(box.value) >= 0; });
    Array.prototype.forEach.call(radios, function (radio) { radio.checked = radio.value === wanted; });
    var csvUrl = null;

    fetch(root.getAttribute("data-source")).then(function (r) { return r.json(); }).then(function (data) {
      var rows = readRows(data);
      function update() {
        var counties = [], schemes = [], measure = "belop";
        Array.prototype.forEach.call(boxes, function (box) {
          if (box.checked) { (box.name === "fylke" ? counties : schemes).push(box.value); }
        });
        Array.prototype.forEach.call(radios, function (radio) { if (radio.checked) { measure = radio.value; } });
        counties.sort();
        var parts = [];
        if (counties.length) { parts.push("fylker=" + counties.map(encodeURIComponent).join(",")); }
        if (schemes.length) { parts.push("ordninger=" + schemes.map(encodeURIComponent).join(",")); }
        if (measure !== "belop") { parts.push("maal=" + measure); }
        var url = window.location.pathname + (parts.length ? "?" + parts.join("&") : "");
        window.history.replaceState(null, "", url);
        document.getElementById("del-lenke").setAttribute("href", url);
        draw(selectCells(rows, counties, schemes, measure), counties, schemes, measure);
      }
      Array.prototype.forEach.call(boxes, function (box) { box.addEventListener("change", update); });
      Array.prototype.forEach.call(radios, function (radio) { radio.addEventListener("change", update); });
      update();
    });

    function countyName(nr) {
      var box = root.querySelector("input[name=fylke][value='" + nr + "']");
      return box ? box.getAttribute("data-navn") : nr;
    }

    function schemeBoxes(schemes) {
      return Array.prototype.filter.call(boxes, function (box) {
        return box.name === "ordning" && (!schemes.length || schemes.indexOf(box.value) >= 0);
      });
    }

    /* The schemes the figures cover, in words, and the chosen ones left out of a per-FTE figure. */
    function schemeWords(schemes, measure) {
      var chosen = schemeBoxes(schemes);
      var kept = chosen.filter(function (b) { return measure === "belop" || b.getAttribute("data-per-larer") === "true"; });
      var left = chosen.filter(function (b) { return kept.indexOf(b) < 0; });
      var names = function (list) { return list.map(function (b) { return b.getAttribute("data-kortnavn"); }); };
      var words = measure === "belop" && !schemes.length ? texts.allSchemes : listText(names(kept), texts.and);
      return { words: words, left: listText(names(left), texts.and) };
    }

    function valueText(value, measure) {
      return measure === "per_larer" ? formatKr(value) + "\u00a0kr" : formatMill(value);
    }

    function findingText(sel, keys, labels, words, measure) {
      var year = sel.years[sel.years.length - 1];
      function at(k) { return (sel.cells[k] || {})[year]; }
      var have = keys.filter(at);
      have.sort(function (a, b) { return sel.cells[b][year].value - sel.cells[a][year].value; });
      var parts = have.map(function (k) {
        var cell = sel.cells[k][year];
        var mark = RANK_SHOWN[cell.status] ? " (" + RANK_SHOWN[cell.status] + ")" : "";
        return labels[k] + " " + valueText(cell.value, measure) + mark;
      });
      var text = fill(measure === "per_larer" ? texts.findingPerFte : texts.findingAmount,
        { aar: year, liste: listText(parts, texts.and), ordninger: words });
      var missing = keys.filter(function (k) { return !at(k); }).map(function (k) { return labels[k]; });
      if (missing.length) { text += " " + fill(texts.findingMissing, { fylker: listText(missing, texts.and), aar: year }); }
      return text;
    }

    function markElement(status) {
      var mark = document.createElement("abbr");
      mark.className = "mark mark-" + RANK_SHOWN[status];
      mark.setAttribute("data-pagefind-ignore", "");
      mark.title = texts["mark" + RANK_SHOWN[status].toUpperCase()];
      mark.textContent = RANK_SHOWN[status];
      return mark;
    }

    function fillTable(sel, keys, heads) {
      var table = root.querySelector("table");
      var head = table.tHead.rows[0];
      while (head.cells.length > 1) { head.deleteCell(1); }
      table.tBodies[0].textContent = "";
      keys.forEach(function (k) {
        var th = document.createElement("th");
        th.scope = "col";
        th.className = "num";
        th.textContent = heads[k];
        head.appendChild(th);
      });
      var flagged = {};
      sel.years.forEach(function (y) {
        var tr = table.tBodies[0].insertRow();
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = y;
        tr.appendChild(th);
        keys.forEach(function (k) {
          var td = tr.insertCell();
          var cell = sel.cells[k][y];
          td.className = "num";
          td.textContent = cell ? formatKr(cell.value) : "–";
          if (cell && RANK_SHOWN[cell.status]) {
            td.appendChild(markElement(cell.status));
            flagged[cell.status] = true;
          }
        });
      });
      return Object.keys(flagged).sort();
    }

    function showLegend(flagged) {
      var legend = document.getElementById("sammenligning-tegn");
      legend.textContent = "";
      legend.hidden = !flagged.length;
      flagged.forEach(function (status, i) {
        var letter = RANK_SHOWN[status];
        var mark = document.createElement("abbr");
        mark.className = "mark";
        mark.textContent = letter;
        legend.appendChild(mark);
        legend.appendChild(document.createTextNode(" = " + texts["mark" + letter.toUpperCase()] +
          (i < flagged.length - 1 ? "; " : "")));
      });
    }

    /* The table as shown, one status column beside each county's figures, as an Excel-ready CSV. */
    function offerCsv(sel, keys, heads, unit) {
      var header = [texts.year];
      keys.forEach(function (k) { header.push(heads[k] + ", " + unit, heads[k] + ", " + texts.status); });
      var lines = [header].concat(sel.years.map(function (y) {
        var line = [y];
        keys.forEach(function (k) {
          var cell = sel.cells[k][y];
          line.push(cell ? cell.value : "", cell ? cell.status : "");
        });
        return line;
      }));
      var holder = document.getElementById("sammenligning-last-ned");
      var link = document.getElementById("sammenligning-csv");
      if (!link) {
        link = document.createElement("a");
        link.id = "sammenligning-csv";
        link.download = holder.getAttribute("data-name");
        link.textContent = holder.getAttribute("data-label");
        holder.appendChild(link);
      }
      if (csvUrl) { URL.revokeObjectURL(csvUrl); }
      csvUrl = URL.createObjectURL(new Blob([csvText(lines, setup.triggers)], { type: "text/csv;charset=utf-8" }));
      link.href = csvUrl;
      holder.hidden = false;
    }

    function drawChart(sel, keys, heads, measure) {
      var chart = document.getElementById("chart-sammenligning");
      var allYears = [];
      for (var y = Number(sel.years[0]); y <= Number(sel.years[sel.years.length - 1]); y += 1) {
        allYears.push(String(y));
      }
      var layout = JSON.parse(JSON.stringify(setup.layout[measure]));
      if (allYears.length > setup.manyTicks) { layout.xaxis.tickangle = -45; }
      var unit = measure === "per_larer" ? texts.unitPerFte : "kr";
      var traces = keys.map(function (k, i) {
        var name = escapeText(heads[k]);
        return { type: "scatter", mode: "lines+markers", name: name, x: allYears, connectgaps: false,
          y: allYears.map(function (y) { return sel.cells[k][y] ? sel.cells[k][y].value : null; }),
          line: { color: setup.palette[i % setup.palette.length], dash: setup.dashes[i % setup.dashes.length], width: 2 },
          marker: { symbol: setup.symbols[i % setup.symbols.length], size: 7 },
          hovertemplate: "%{x}: %{y:,.0f} " + escapeText(unit) + "<extra>" + name + "</extra>" };
      });
      chart.hidden = false;
      loadPlotly().then(function (Plotly) { Plotly.react(chart, traces, layout, CONFIG); });
    }

    function clear(message) {
      document.getElementById("sammenligning-tekst").textContent = message;
      var table = root.querySelector("table");
      while (table.tHead.rows[0].cells.length > 1) { table.tHead.rows[0].deleteCell(1); }
      table.tBodies[0].textContent = "";
      document.getElementById("sammenligning-tegn").hidden = true;
      document.getElementById("sammenligning-last-ned").hidden = true;
      var chart = document.getElementById("chart-sammenligning");
      chart.hidden = true;
      if (window.Plotly) { window.Plotly.purge(chart); }
    }

    function draw(sel, counties, schemes, measure) {
      var words = schemeWords(schemes, measure);
      var note = document.getElementById("sammenligning-merknad");
      note.hidden = !(measure === "per_larer" && words.left);
      note.textContent = words.left ? fill(texts.leftOut, { ordninger: words.left }) : "";
      var keys = counties.filter(function (c) { return sel.cells[c] && Object.keys(sel.cells[c]).length; });
      var labels = {}, heads = {}, seen = {};
      counties.forEach(function (k) { seen[countyName(k)] = (seen[countyName(k)] || 0) + 1; });
      counties.forEach(function (k) {
        heads[k] = countyName(k) + " (" + k + ")";
        labels[k] = seen[countyName(k)] > 1 ? heads[k] : countyName(k);
      });
      if (!counties.length) { clear(texts.empty); return; }
      if (!keys.length) { clear(texts.none); return; }
      var missing = counties.filter(function (k) { return keys.indexOf(k) < 0; });
      var caption = findingText(sel, keys.concat(missing), labels, words.words, measure);
      document.getElementById("sammenligning-tekst").textContent = caption;
      document.getElementById("sammenligning-caption").textContent =
        fill(measure === "per_larer" ? texts.tablePerFte : texts.tableAmount, { ordninger: words.words });
      showLegend(fillTable(sel, keys, heads));
      offerCsv(sel, keys, heads, measure === "per_larer" ? texts.unitPerFte : "kr");
      drawChart(sel, keys, heads, measure);
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

  /* A citation's copy button: shown only where the clipboard can be written; the text stays plain without it. */
  function copyButtons() {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("button.citation-copy").forEach(function (button) {
      var source = document.getElementById(button.dataset.target);
      if (!source) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.replace(/\s+/g, " ").trim()).then(function () {
          button.textContent = button.dataset.done;
        });
      });
    });
  }

  function start() {
    search();
    copyButtons();
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
