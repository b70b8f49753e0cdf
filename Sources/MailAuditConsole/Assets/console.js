// Progressive enhancement only: every page works without it.
// - a "select all" box over the people list (shown only when this runs);
// - tables marked "sortable" sort by a click on a column heading.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-all").forEach(function (all) {
    var table = all.closest("table");
    all.hidden = false;
    all.addEventListener("change", function () {
      table.querySelectorAll("tbody input[type=checkbox]").forEach(function (box) {
        if (box.closest("tr").offsetParent !== null) box.checked = all.checked;
      });
    });
  });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      if (th.querySelector("input")) return;
      th.classList.add("sortable-header");
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var text = row.cells[column] ? row.cells[column].textContent.trim() : "";
          var number = parseFloat(text.replace(/,/g, ""));
          return isNaN(number) ? text.toLowerCase() : number;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
});
