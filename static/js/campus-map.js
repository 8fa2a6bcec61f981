/* The campus map's zoom and pan (templates/locations/includes/campus_map.html): buttons, and the
   keyboard when the map has focus (+ and - zoom, the arrows move it, 0 shows it whole). They change
   the SVG's viewBox only; without this script the map is simply shown whole. */
(function () {
  "use strict";
  var STEP = 0.2; /* of the visible width or height, a move */
  var ZOOM = 1.5;
  var MAX_ZOOM = 6;

  document.querySelectorAll("[data-campus-map]").forEach(function (figure) {
    var svg = figure.querySelector("[data-map-svg]");
    var view = figure.querySelector("[data-map-view]");
    var controls = figure.querySelector("[data-map-controls]");
    if (!svg || !view || !controls) return;
    var whole = svg.getAttribute("viewBox").split(" ").map(Number);
    var box = whole.slice();

    function show() {
      svg.setAttribute("viewBox", box.map(function (n) { return Math.round(n * 10) / 10; }).join(" "));
    }
    function clamp() {
      box[2] = Math.min(whole[2], Math.max(whole[2] / MAX_ZOOM, box[2]));
      box[3] = box[2] * whole[3] / whole[2];
      box[0] = Math.min(whole[0] + whole[2] - box[2], Math.max(whole[0], box[0]));
      box[1] = Math.min(whole[1] + whole[3] - box[3], Math.max(whole[1], box[1]));
      show();
    }
    function zoom(factor) {
      var cx = box[0] + box[2] / 2, cy = box[1] + box[3] / 2;
      box[2] = box[2] / factor;
      box[3] = box[3] / factor;
      box[0] = cx - box[2] / 2;
      box[1] = cy - box[3] / 2;
      clamp();
    }
    function move(dx, dy) {
      box[0] += dx * box[2] * STEP;
      box[1] += dy * box[3] * STEP;
      clamp();
    }
    var actions = {
      "in": function () { zoom(ZOOM); },
      "out": function () { zoom(1 / ZOOM); },
      "left": function () { move(-1, 0); },
      "right": function () { move(1, 0); },
      "up": function () { move(0, -1); },
      "down": function () { move(0, 1); },
      "reset": function () { box = whole.slice(); show(); }
    };
    var keys = {
      "+": "in", "=": "in", "-": "out", "_": "out", "0": "reset",
      "ArrowLeft": "left", "ArrowRight": "right", "ArrowUp": "up", "ArrowDown": "down"
    };

    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-map]");
      if (button && actions[button.dataset.map]) actions[button.dataset.map]();
    });
    /* The map itself takes focus (a named group), so that its keys work without a button. */
    view.tabIndex = 0;
    view.setAttribute("role", "group");
    view.setAttribute("aria-label", view.dataset.mapLabel);
    view.addEventListener("keydown", function (event) {
      if (event.target !== view || event.altKey || event.ctrlKey || event.metaKey) return;
      var action = keys[event.key];
      if (!action) return;
      event.preventDefault();
      actions[action]();
    });
  });
})();
