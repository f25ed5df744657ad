// The meeting view's keys: down/J and up/K move between the activities, N and P go to the
// next and previous focus area, and for the chair 1, 2 and 3 decide the activity in focus
// green, yellow or red (the same form as the buttons). Keys typed in a field are left alone.
(function () {
  "use strict";
  var list = document.querySelector(".meeting-activities");
  if (!list) { return; }
  var canDecide = list.dataset.canDecide === "1";
  var full = document.getElementById("fullscreen");
  if (full && document.documentElement.requestFullscreen) {
    full.hidden = false;
    full.addEventListener("click", function () { document.documentElement.requestFullscreen(); });
  }
  function cards() { return Array.prototype.slice.call(list.querySelectorAll(".meeting-activity")); }
  function current() {
    var active = document.activeElement;
    return active && active.closest ? active.closest(".meeting-activity") : null;
  }
  function go(step) {
    var all = cards();
    if (!all.length) { return; }
    var index = all.indexOf(current());
    var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(index + step, 0), all.length - 1);
    all[next].focus();
    all[next].scrollIntoView({ block: "center" });
  }
  function decide(value) {
    var card = current();
    if (!card) { return; }
    var form = card.querySelector(".decide-form");
    var choice = form && form.querySelector('input[name="priority"][value="' + value + '"]');
    if (!choice) { return; }
    choice.checked = true;
    form.requestSubmit();
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.type !== "radio")) { return; }
    var key = event.key;
    if (key === "ArrowDown" || key === "j" || key === "J") { go(1); }
    else if (key === "ArrowUp" || key === "k" || key === "K") { go(-1); }
    else if (key === "n" || key === "N" || key === "p" || key === "P") {
      var link = document.getElementById(key.toLowerCase() === "n" ? "next-area" : "previous-area");
      if (!link) { return; }
      window.location.href = link.href;
    }
    else if (canDecide && (key === "1" || key === "2" || key === "3")) {
      decide({ "1": "green", "2": "yellow", "3": "red" }[key]);
    }
    else { return; }
    event.preventDefault();
  });
  // Back from a decision the page opens at the activity decided: focus it.
  if (window.location.hash) {
    var start = document.getElementById(window.location.hash.slice(1));
    if (start && start.classList.contains("meeting-activity")) { start.focus(); }
  }
})();
